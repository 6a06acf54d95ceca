import type { CellSpec, CellState, CellValue } from '@convbook/cells';
import { html, nothing, type TemplateResult } from 'lit';
import type { KindInfo } from '../../catalog/value-types';
import type { InputCandidate } from './cb-cell';
import '../cb-image-editor/cb-image-editor';
import type { CbKernelEditor } from '../cb-kernel-editor/cb-kernel-editor';
import '../cb-kernel-editor/cb-kernel-editor';
import '../cb-kernel-shape/cb-kernel-shape';
import type { KernelFilterSelectEvent } from '../../events/kernel-filter-select';
import { MapZoomRequestEvent } from '../../events/map-zoom-request';
import { filterPlanes } from '../cb-map-zoom/zoom-planes';
import { renderBroadcastNotice } from './broadcast-readout';
import '../cb-note/cb-note';
import '../cb-param-controls/cb-param-controls';
import { classBars, drawnDigitEditor, trainEditor, weightsEditor } from './training-views';
import { windowReadout } from './window-readout';

/** What an editor is handed: the cell, its latest value, its inputs' values and the candidates to wire. */
export interface EditorContext {
  readonly cell: CellSpec;
  readonly value: CellValue | undefined;
  readonly inputValues: ReadonlyMap<string, CellValue>;
  readonly info: KindInfo | undefined;
  readonly candidates: readonly InputCandidate[];
  /** The cell's state, for an editor that shows all of it (see KindView.ownsState). */
  readonly state?: CellState | undefined;
  /** The document's cells: only given to kinds whose view reads other cells (conv's broadcast notice). */
  readonly cells?: readonly CellSpec[];
  /** For a kernel: the channels of the conv input it feeds, when known. */
  readonly inputChannels?: number;
  /** The cell as people name it ("Convolution 'Edges'"), for refusals. */
  readonly name?: string;
  /** Params the cell's error is about → plain message, so those fields show their error state. */
  readonly invalid?: Readonly<Record<string, string>> | undefined;
}

/** How the page shows one kind of cell. Everything a kind computes is in @convbook/cells; this is only UI. */
export interface KindView {
  /** The editor above the value; a kind without one gets generic controls built from its param schema. */
  readonly editor?: (context: EditorContext) => TemplateResult;
  /** The editor already shows the value (a kernel's grid, a note's text): no second view of it below. */
  readonly editorShowsValue?: boolean;
  /** Shows the value and nothing else below the editor: no value view at all (a note is all editor). */
  readonly noValueView?: boolean;
  /** The editor shows the cell's whole state (its own run buttons, progress, errors): the frame adds none. */
  readonly ownsState?: boolean;
  /** How the value's note reads: 'ok' for a readout that is good news (two maps identical); else a warning. */
  readonly noteTone?: (value: CellValue) => 'ok' | 'warning';
  /** The kind's own view of a value (undefined: the usual view for its type). */
  readonly valueView?: (value: CellValue, name: string) => TemplateResult | undefined;
  /** Maps drawn in colour rather than per channel (a picture). */
  readonly colourMap?: boolean;
  /** A readout under the generic controls (the size arithmetic of a window). */
  readonly readout?: (cell: CellSpec, inputValues: ReadonlyMap<string, CellValue>) => unknown;
  /** A notice under the readout that needs other cells (a kernel broadcast over channels). */
  readonly notice?: (context: EditorContext) => TemplateResult | typeof nothing;
  /** The value can be stepped through unit by unit ("How is each number computed?"). */
  readonly explainable?: boolean;
  /** The cells a cell-naming param may name (default: every cell producing the param's value type). */
  readonly cellChoices?: (
    cell: CellSpec,
    candidates: readonly InputCandidate[],
  ) => Record<string, InputCandidate[]>;
}

/**
 * The one table from a kind to its editor and its view. Adding a kind with a dedicated editor means one
 * entry here; a kind without an entry works with the generic controls and value views.
 */
export const KIND_VIEWS: Readonly<Record<string, KindView>> = {
  note: {
    editor: ({ cell }) =>
      html`<cb-note cell-id=${cell.id} .markdown=${typeof cell.params?.markdown === 'string' ? cell.params.markdown : ''}></cb-note>`,
    noValueView: true,
  },
  image: {
    editor: ({ cell }) =>
      html`<cb-image-editor cell-id=${cell.id} .params=${cell.params ?? {}}></cb-image-editor>`,
    colourMap: true,
  },
  kernel: {
    editor: ({ cell, value }) =>
      html`${
        value?.type === 'kernel'
          ? html`<cb-kernel-shape cell-id=${cell.id} .weights=${value.weights} .bias=${value.bias}
          @kernel-filter-select=${showFilter}></cb-kernel-shape>`
          : nothing
      }
        <cb-kernel-editor cell-id=${cell.id} .params=${cell.params ?? {}} .value=${value}></cb-kernel-editor>
        ${value?.type === 'kernel' ? html`<div class="explain"><button aria-haspopup="dialog" @click=${enlargeKernel}>Enlarge</button></div>` : nothing}`,
    editorShowsValue: true,
  },
  conv: { readout: windowReadout, notice: renderBroadcastNotice, explainable: true },
  pool: { readout: windowReadout, explainable: true },
  train: { editor: trainEditor, ownsState: true },
  // The pad's preview already is what the network sees: no second (inverted) picture of the same digit.
  'drawn-digit': { editor: drawnDigitEditor, valueView: () => html`` },
  weights: { editor: weightsEditor },
  softmax: { valueView: classBars },
  // "Identical: no unit differs." is the answer hoped for, not a warning; a difference stays amber.
  compare: {
    noteTone: (value) => (value.type === 'tensor' && value.figures?.changed === 0 ? 'ok' : 'warning'),
  },
  grad: {
    // A grad cell differentiates with respect to a kernel, or to the image when its target says so.
    cellChoices: (cell, candidates) => {
      const wanted = cell.params?.target === 'image' ? 'tensor' : 'kernel';
      return { kernelCell: candidates.filter((c) => c.output === wanted && c.id !== cell.id) };
    },
  },
};

const NO_VIEW: KindView = {};
const NO_INVALID: Readonly<Record<string, string>> = {};

/** Enlarge on a kernel cell: the filter its editor shows, every channel, in the shared zoom dialog. */
function enlargeKernel(event: Event): void {
  const button = event.currentTarget as HTMLElement;
  // The button sits in its own row (div.explain) after the editor, inside the cell's body.
  const editor = button.closest('.explain')?.parentNode?.querySelector<CbKernelEditor>('cb-kernel-editor');
  const value = editor?.value;
  if (value?.type !== 'kernel') return;
  const filter = Math.min(editor?.filter ?? 0, (value.weights.shape[0] ?? 1) - 1);
  button.dispatchEvent(
    new MapZoomRequestEvent(`Kernel ${editor?.cellId ?? ''}`, filterPlanes(value.weights, filter)),
  );
}

/** A filter picked in a bank's shape fields: the weight editor beside it turns to that filter. */
function showFilter(event: KernelFilterSelectEvent): void {
  const shape = event.currentTarget as HTMLElement;
  const editor = shape.parentNode?.querySelector<CbKernelEditor>('cb-kernel-editor');
  if (editor) editor.filter = event.kernel;
}

export function kindView(kind: string): KindView {
  return KIND_VIEWS[kind] ?? NO_VIEW;
}

/** The editor above a cell's value: the kind's own, else generic controls (and its readout, if any). */
export function renderCellEditor(context: EditorContext): TemplateResult | typeof nothing {
  const { cell, info, candidates, inputValues } = context;
  const view = kindView(cell.kind);
  if (view.editor) return view.editor(context);
  const readout = view.readout?.(cell, inputValues);
  const choices = view.cellChoices?.(cell, candidates) ?? defaultChoices(info, cell, candidates);
  return html`<cb-param-controls cell-id=${cell.id} kind=${cell.kind} cell-name=${context.name ?? cell.id}
      .invalid=${context.invalid ?? NO_INVALID} .controls=${info?.controls ?? []}
      .params=${cell.params ?? {}} .cellChoices=${choices}></cb-param-controls>
    ${readout ? html`<div class="readout" aria-label="Size arithmetic">${readout}</div>` : nothing}
    ${view.notice?.(context) ?? nothing}`;
}

/** Each cell-naming param of the kind may name any other cell producing its value type. */
function defaultChoices(info: KindInfo | undefined, cell: CellSpec, candidates: readonly InputCandidate[]) {
  return Object.fromEntries(
    Object.entries(info?.cellParams ?? {}).map(([param, type]) => [
      param,
      candidates.filter((c) => c.output === type && c.id !== cell.id),
    ]),
  );
}

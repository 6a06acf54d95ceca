import type { CellSpec, CellValue } from '@convbook/cells';
import { html, nothing, type TemplateResult } from 'lit';
import type { KindInfo } from '../../catalog/value-types';
import type { InputCandidate } from './cb-cell';
import '../cb-image-editor/cb-image-editor';
import '../cb-kernel-editor/cb-kernel-editor';
import '../cb-note/cb-note';
import '../cb-param-controls/cb-param-controls';
import { windowReadout } from './window-readout';

/**
 * The editor above a cell's value: dedicated editors for notes, images and kernels; generic parameter
 * controls (plus the size arithmetic for conv and pool) for everything else.
 */
export function renderCellEditor(
  cell: CellSpec,
  value: CellValue | undefined,
  inputValues: ReadonlyMap<string, CellValue>,
  info: KindInfo | undefined,
  candidates: readonly InputCandidate[],
): TemplateResult | typeof nothing {
  const params = cell.params ?? {};
  switch (cell.kind) {
    case 'note':
      return html`<cb-note cell-id=${cell.id} .markdown=${typeof params.markdown === 'string' ? params.markdown : ''}></cb-note>`;
    case 'image':
      return html`<cb-image-editor cell-id=${cell.id} .params=${params}></cb-image-editor>`;
    case 'kernel':
      return html`<cb-kernel-editor cell-id=${cell.id} .params=${params} .value=${value}></cb-kernel-editor>`;
    default: {
      const readout =
        cell.kind === 'conv' || cell.kind === 'pool' ? windowReadout(cell, inputValues) : undefined;
      return html`<cb-param-controls cell-id=${cell.id} kind=${cell.kind} .controls=${info?.controls ?? []} .params=${params}
          .cellChoices=${cellChoices(cell, candidates)}></cb-param-controls>
        ${readout ? html`<div class="readout" aria-label="Size arithmetic">${readout}</div>` : nothing}`;
    }
  }
}

/** A grad cell names the kernel (or image) it differentiates with respect to: offer those cells. */
function cellChoices(cell: CellSpec, candidates: readonly InputCandidate[]) {
  if (cell.kind !== 'grad') return {};
  const wanted = cell.params?.target === 'image' ? 'tensor' : 'kernel';
  return { kernelCell: candidates.filter((c) => c.output === wanted && c.id !== cell.id) };
}

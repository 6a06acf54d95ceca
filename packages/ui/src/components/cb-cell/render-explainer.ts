import type { CellSpec, CellValue, UnitIndex } from '@convbook/cells';
import { html, nothing, type TemplateResult } from 'lit';
import { MapZoomRequestEvent } from '../../events/map-zoom-request';
import { kernelAndMapPlanes, mapPlane } from '../cb-map-zoom/zoom-planes';
import { fieldViewFor } from '../cb-unit-explainer/field-view';
import '../cb-unit-explainer/cb-unit-explainer';

/** What the explainer and the Enlarge button need from a conv or pool cell. */
export interface ExplainContext {
  readonly cell: CellSpec;
  /** "Convolution 'Edges'". */
  readonly label: string;
  readonly value: CellValue;
  readonly inputValues: ReadonlyMap<string, CellValue>;
  readonly cells: readonly CellSpec[];
  readonly values: ReadonlyMap<string, CellValue>;
  readonly open: boolean;
  readonly unit: UnitIndex;
  readonly toggle: () => void;
}

/** "How is each number computed?" (a disclosure) and, when open, the step-through explainer. */
export function renderExplainer(context: ExplainContext): TemplateResult | typeof nothing {
  const { cell, value, open } = context;
  if (value.type !== 'tensor') return nothing;
  const panel = `explain-${cell.id}`;
  return html`<div class="explain">
      <button aria-expanded=${open ? 'true' : 'false'} aria-controls=${panel} @click=${context.toggle}>
        ${open ? 'Hide the step-by-step' : 'How is each number computed?'}</button>
      ${renderEnlarge(context)}
    </div>
    ${
      open
        ? html`<cb-unit-explainer id=${panel} cell-id=${cell.id} .label=${context.label} .cell=${cell}
            .inputs=${Object.fromEntries(context.inputValues)} .output=${value.tensor} .unit=${context.unit}
            .field=${fieldViewFor(context.cells, context.values, cell.id, context.unit)}></cb-unit-explainer>`
        : nothing
    }`;
}

/** Enlarge: the map (and, for a conv, the kernel beside it) in the shared zoom dialog. */
export function renderEnlarge(
  context: Pick<ExplainContext, 'cell' | 'label' | 'value' | 'inputValues' | 'unit'>,
) {
  const { value, label } = context;
  if (value.type !== 'tensor') return nothing;
  const kernel = context.inputValues.get('kernel');
  const channel = Math.min(context.unit.channel, (value.tensor.shape[0] ?? 1) - 1);
  const open = (event: Event) => {
    const planes =
      kernel?.type === 'kernel' && kernel.weights.rank === 4
        ? kernelAndMapPlanes(kernel.weights, value.tensor, channel)
        : [mapPlane(value.tensor, channel, `${label}, channel ${channel + 1}`)];
    event.currentTarget?.dispatchEvent(
      new MapZoomRequestEvent(
        `${label}: ${planes.length > 1 ? 'kernel and feature map' : 'feature map'}`,
        planes,
      ),
    );
  };
  return html`<button aria-haspopup="dialog" @click=${open}>Enlarge</button>`;
}

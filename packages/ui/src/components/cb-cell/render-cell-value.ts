import type { CellProgress, CellValue } from '@convbook/cells';
import type { Tensor } from '@convbook/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { PixelBox } from '../cb-feature-map/plane-geometry';
import { fitsAsMatrix } from '../cb-matrix/cb-matrix';
import '../cb-feature-map/cb-feature-map';
import '../cb-grad-view/cb-grad-view';
import '../cb-loss-view/cb-loss-view';
import '../cb-matrix/cb-matrix';
import '../cb-digits-grid/cb-digits-grid';
import '../cb-stats-table/cb-stats-table';
import '../cb-signal-plot/cb-signal-plot';
import { parseMarkdown } from '../cb-note/parse-markdown';
import { renderMarkdown } from '../cb-note/render-markdown';
import { isSignal } from '../cb-signal-plot/cb-signal-plot';
import { kindView } from './kind-views';

export interface ValueContext {
  readonly cellId: string;
  readonly cellKind: string;
  /** The state version of the value shown (null when unknown), for the `cb-painted` benchmark hook. */
  readonly version: number | null;
  /** The cell's display name (title or id). */
  readonly name: string;
  readonly highlight: PixelBox | null;
  readonly progress: CellProgress | undefined;
  readonly titles: ReadonlyMap<string, string>;
  /** An image cell's typed-in `values` when they are what the map shows (no transforms) and small enough to edit. */
  readonly editableValues?: unknown;
}

/** The view for a computed value, chosen by the value's type (one case per CellValue variant). */
export function renderCellValue(value: CellValue, context: ValueContext): TemplateResult | typeof nothing {
  const own = kindView(context.cellKind).valueView?.(value, context.name);
  if (own !== undefined) return own;
  switch (value.type) {
    case 'tensor':
      return html`${isSignal(value.tensor) ? html`<cb-signal-plot .tensor=${value.tensor} label=${`${context.name} output`}></cb-signal-plot>` : nothing}
        <cb-feature-map
          .tensor=${value.tensor}
          .highlight=${context.highlight}
          label=${`${context.name} output`}
          cell-id=${context.cellId} .version=${context.version}
          ?composite=${kindView(context.cellKind).colourMap === true}
        ></cb-feature-map>
        ${renderNumbers(value.tensor, context)}`;
    case 'kernel':
      // The kernel editor already draws kernel cells; other kinds producing a kernel get a heat map.
      if (kindView(context.cellKind).editorShowsValue) return nothing;
      return html`<cb-feature-map .tensor=${kernelPlanes(value.weights)} scale="diverging"
        bank-channels=${(value.weights.shape[0] ?? 1) > 1 ? (value.weights.shape[1] ?? 0) : 0}
        label=${`${context.name} weights`} cell-id=${context.cellId} .version=${context.version}></cb-feature-map>`;
    case 'loss':
      return html`<cb-loss-view .value=${value} label=${context.name} cell-id=${context.cellId} .version=${context.version}></cb-loss-view>`;
    case 'grad':
      return html`<cb-grad-view .value=${value} .progress=${context.progress} label=${context.name}
        cell-id=${context.cellId} .version=${context.version}></cb-grad-view>`;
    case 'stats':
      return html`<cb-stats-table .value=${value} .titles=${context.titles}></cb-stats-table>`;
    case 'note':
      // A note cell's text is its editor; other kinds (peaks) compute a short Markdown readout.
      if (kindView(context.cellKind).noValueView) return nothing;
      return html`<div class="computed-note" role="status">${renderMarkdown(parseMarkdown(value.markdown))}</div>`;
    case 'dataset':
      return html`<cb-digits-grid .value=${value} label=${context.name}></cb-digits-grid>`;
    case 'train':
      // The train cell's editor (cb-train-view) draws its runs, with their buttons; see kind-views.ts.
      return nothing;
  }
}

/** The numbers beside a small map; editable for an image cell's own typed-in pixels. */
function renderNumbers(tensor: Tensor, context: ValueContext): TemplateResult | typeof nothing {
  if (context.editableValues !== undefined)
    return html`<cb-matrix .values=${context.editableValues} .tensor=${tensor} cell-id=${context.cellId}
      label=${`${context.name} pixels`}></cb-matrix>`;
  if (!fitsAsMatrix(tensor)) return nothing;
  return html`<cb-matrix .tensor=${tensor} label=${`${context.name} values`}></cb-matrix>`;
}

/** A bank [O, C, kh, kw] as O·C planes of kh×kw, one tile each. */
function kernelPlanes(weights: Tensor): Tensor {
  const [o = 1, c = 1, kh = 1, kw = 1] = weights.shape;
  return weights.rank === 4 ? weights.reshape([o * c, kh, kw]) : weights;
}

import type { CellValue } from '@convbook/cells';
import { html, LitElement, nothing } from 'lit';
import { formatValue } from '../../format/format-number';
import '../cb-feature-map/cb-feature-map';
import { lossViewStyles } from './cb-loss-view.styles';

type LossValue = Extract<CellValue, { type: 'loss' }>;

/** A loss cell's value: the loss as a number, where the error comes from, and dLoss/dPrediction. */
export class CbLossView extends LitElement {
  static override styles = lossViewStyles;
  static override properties = {
    value: { attribute: false },
    label: { type: String },
    cellId: { type: String, attribute: 'cell-id' },
    version: { type: Number },
  };

  declare value: LossValue | undefined;
  declare label: string;
  declare cellId: string;
  /** The cell state version shown, passed to the maps for the `cb-painted` benchmark hook. */
  declare version: number | null;

  constructor() {
    super();
    this.value = undefined;
    this.label = 'loss';
    this.cellId = '';
    this.version = null;
  }

  override render() {
    const value = this.value;
    if (!value) return nothing;
    return html`<div class="loss">
        <span class="label">Loss</span>
        <span class="number" aria-label=${`${this.label}: ${value.loss}`}>${formatValue(value.loss, 5)}</span>
      </div>
      <div class="maps">
        ${
          // One error (a cross-entropy over one example) is the loss itself: a one-pixel map would add nothing.
          value.errorMap.size > 1
            ? html`<div>
                <h4>Error per element</h4>
                <cb-feature-map .tensor=${value.errorMap} label=${`${this.label} error map`} cell-id=${this.cellId}
                  .version=${this.version}></cb-feature-map>
              </div>`
            : nothing
        }
        <div>
          <h4>Gradient dLoss/dPrediction</h4>
          <cb-feature-map .tensor=${value.gradient} scale="diverging" label=${`${this.label} gradient`}
            cell-id=${this.cellId} .version=${this.version}></cb-feature-map>
        </div>
      </div>`;
  }
}

customElements.define('cb-loss-view', CbLossView);

declare global {
  interface HTMLElementTagNameMap {
    'cb-loss-view': CbLossView;
  }
}

import { type CellProgress, type GradValue, kernelParamsPatch } from '@convbook/cells';
import type { Tensor } from '@convbook/core';
import { html, LitElement, nothing } from 'lit';
import { controlStyles } from '../../app-styles/shared-styles';
import { CellParamsChangeEvent } from '../../events/cell-params-change';
import { formatAmong, formatValue, largestMagnitude } from '../../format/format-number';
import '../cb-feature-map/cb-feature-map';
import '../cb-matrix/cb-matrix';
import { fitsAsMatrix } from '../cb-matrix/cb-matrix';
import { gradViewStyles } from './cb-grad-view.styles';
import { plotLossCurve } from './loss-curve';

const CURVE_WIDTH = 320;
const CURVE_HEIGHT = 120;

/**
 * A grad cell: dL/dW (or dL/dX) as a heat map with numbers, dL/db, the per-position contributions of one
 * weight (tied weights: they sum to that weight's gradient), and, while training, a progress bar, the live
 * loss curve and the learned kernel.
 */
export class CbGradView extends LitElement {
  static override styles = [controlStyles, gradViewStyles];
  static override properties = {
    value: { attribute: false },
    progress: { attribute: false },
    label: { type: String },
    cellId: { type: String, attribute: 'cell-id' },
    version: { type: Number },
  };

  /** The last complete value (or the partial one reported with progress). */
  declare value: GradValue | undefined;
  /** Set while gradient descent is running. */
  declare progress: CellProgress | undefined;
  declare label: string;
  declare cellId: string;
  /** The cell state version shown, passed to the maps for the `cb-painted` benchmark hook. */
  declare version: number | null;

  constructor() {
    super();
    this.value = undefined;
    this.progress = undefined;
    this.label = 'gradient';
    this.cellId = '';
    this.version = null;
  }

  #map(tensor: Tensor, label: string) {
    return html`<div class="row">
      <cb-feature-map .tensor=${tensor} scale="diverging" label=${label} cell-id=${this.cellId} .version=${this.version}
        @feature-map-hover=${(e: Event) => e.stopPropagation()}></cb-feature-map>
      ${fitsAsMatrix(tensor) ? html`<cb-matrix .tensor=${tensor} label=${label}></cb-matrix>` : nothing}
    </div>`;
  }

  #renderProgress(progress: CellProgress) {
    const percent = progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : 0;
    return html`<div class="progress">
      <progress max=${progress.total} .value=${progress.done} aria-label="Training progress"></progress>
      <span role="status">Step ${progress.done} of ${progress.total} (${percent}%)</span>
    </div>`;
  }

  #renderCurve(losses: readonly number[]) {
    const plot = plotLossCurve(losses, CURVE_WIDTH, CURVE_HEIGHT);
    const last = losses.at(-1);
    const summary = `Loss curve over ${losses.length} steps, from ${formatValue(losses[0] ?? Number.NaN)} to ${formatValue(last ?? Number.NaN)}${plot.logScale ? ', log scale' : ''}`;
    return html`<section>
      <h4>Loss during training${plot.logScale ? ' (log scale)' : ''}</h4>
      <svg width=${CURVE_WIDTH} height=${CURVE_HEIGHT} viewBox="0 0 ${CURVE_WIDTH} ${CURVE_HEIGHT}" role="img"
        aria-label=${summary} preserveAspectRatio="none">
        <polyline points=${plot.points}></polyline>
      </svg>
      <div class="axis"><span>step 0</span><span>max ${formatValue(plot.max)} · min ${formatValue(plot.min)}</span><span>step ${Math.max(0, losses.length - 1)}</span></div>
    </section>`;
  }

  /** The learned kernel, the gradient there (near zero at a minimum), Apply, and why a run stopped early. */
  #renderLearned(training: NonNullable<GradValue['training']>, running: boolean) {
    const scale = largestMagnitude(training.learnedWeights.data);
    const apply = () =>
      training.kernelCellId &&
      this.dispatchEvent(
        new CellParamsChangeEvent(
          training.kernelCellId,
          kernelParamsPatch({ weights: training.learnedWeights, bias: training.learnedBias }),
        ),
      );
    return html`${training.diverged ? html`<p class="diverged" role="alert">Training stopped: ${training.diverged.message}. The curve and the kernel are the last ones with a finite loss.</p>` : nothing}
      <section>
        <h4>Learned kernel after ${training.steps} steps</h4>
        ${this.#map(training.learnedWeights, `${this.label} learned kernel`)}
        <p class="bias">learned bias: ${[...training.learnedBias].map((b) => formatAmong(b, scale)).join(', ')}</p>
        ${
          training.kernelCellId && !running
            ? html`<button class="apply" title=${`Writes these weights and bias into "${training.kernelCellId}" (one edit: Undo takes it back)`}
                @click=${apply}>Apply to ${training.kernelCellId}</button>`
            : nothing
        }
      </section>
      ${
        training.learnedGradient
          ? html`<section>
              <h4>dLoss/dWeights at the learned kernel</h4>
              ${this.#map(training.learnedGradient, `${this.label} gradient at the learned kernel`)}
              ${training.learnedBiasGradient ? html`<p class="bias">dLoss/dBias there: ${[...training.learnedBiasGradient].map((b) => formatValue(b)).join(', ')}</p>` : nothing}
            </section>`
          : nothing
      }`;
  }

  override render() {
    const value = this.value;
    const progress = this.progress;
    const training = value?.training;
    return html`
      ${progress ? this.#renderProgress(progress) : nothing}
      ${training && training.lossCurve.length > 0 ? this.#renderCurve(training.lossCurve) : nothing}
      ${training ? this.#renderLearned(training, progress !== undefined) : nothing}
      ${
        value
          ? html`<section>
              <h4>${value.target === 'kernel' ? (training ? 'dLoss/dWeights at the starting kernel' : 'dLoss/dWeights') : 'dLoss/dImage'}</h4>
              ${this.#map(value.gradient, `${this.label} ${value.target === 'kernel' ? 'weight' : 'image'} gradient`)}
              ${
                value.biasGradient
                  ? html`<p class="bias">dLoss/dBias: ${[...value.biasGradient].map((b) => formatValue(b)).join(', ')}</p>`
                  : nothing
              }
            </section>`
          : nothing
      }
      ${
        value?.perPosition
          ? html`<section>
              <h4>Contribution of the selected weight at each output position</h4>
              <p class="explain">
                The same weight is used at every position (tied weights), so its gradient is the sum of these
                contributions: ${formatValue(sum(value.perPosition.data))}.
              </p>
              ${this.#map(value.perPosition, `${this.label} per-position contributions`)}
            </section>`
          : nothing
      }
    `;
  }
}

function sum(data: Float32Array): number {
  let total = 0;
  for (const v of data) total += v;
  return total;
}

customElements.define('cb-grad-view', CbGradView);

declare global {
  interface HTMLElementTagNameMap {
    'cb-grad-view': CbGradView;
  }
}

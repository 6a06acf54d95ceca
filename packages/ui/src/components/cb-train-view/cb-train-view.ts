import { type TrainValue, trainedWeightPatches } from '@convbook/cells';
import { html, LitElement, nothing, type PropertyValues, svg, type TemplateResult } from 'lit';
import { TrainApplyEvent, type TrainCommand, TrainCommandEvent } from '../../events/train-events';
import { formatCount } from '../../format/format-number';
import { paintDigit } from '../cb-digits-grid/paint-digit';
import { trainViewStyles } from './cb-train-view.styles';
import { formatTick, niceAxis } from './chart-axis';
import { CHART_W, type ChartAxis, PLOT_H, PLOT_W, renderChartFrame } from './chart-frame';
import {
  confusionCells,
  confusionColour,
  confusionTextColour,
  percent,
  polyline,
  threadsText,
  trainButtons,
} from './train-charts';

/** At most this many gaps between ticks: about 60 px apart across, 24 px up the side. */
const X_GAPS = 5;
const Y_GAPS = 5;

/**
 * A train cell: the buttons (Train, Stop, Resume, Reset, Apply), live curves and figures while it runs,
 * and at the end the confusion matrix on the test split and the most confidently wrong test digits.
 * It only emits events (train-command, train-apply); the page decides what they do.
 */
export class CbTrainView extends LitElement {
  static override styles = trainViewStyles;
  static override properties = {
    value: { attribute: false },
    running: { type: Boolean },
    stale: { type: Boolean },
    progress: { attribute: false },
    cellId: { type: String, attribute: 'cell-id' },
    label: { type: String },
    problem: { type: String },
  };

  declare value: TrainValue | undefined;
  declare running: boolean;
  declare stale: boolean;
  declare progress: { readonly done: number; readonly total: number } | undefined;
  declare cellId: string;
  declare label: string;
  /** Why the last run failed (the cell's error), '' when it did not. */
  declare problem: string;
  /** The failure stays on screen after the cell falls back to idle (a crashed worker is replaced), until the next run. */
  #ended = '';
  /** The confusion matrix's scroller changes width with the page, which can hide or reveal columns. */
  readonly #scrollerSize = new ResizeObserver((entries) => {
    for (const entry of entries) showScrollCue(entry.target);
  });
  #observedScroller: HTMLElement | undefined;

  constructor() {
    super();
    this.value = undefined;
    this.running = false;
    this.stale = false;
    this.progress = undefined;
    this.cellId = '';
    this.label = 'train';
    this.problem = '';
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('problem') && this.problem !== '') this.#ended = this.problem;
    if (this.running) this.#ended = '';
  }

  override render() {
    const value = this.value;
    return html`${this.renderToolbar(value)}
    ${value?.message === undefined ? nothing : html`<p class="message" role="status">${value.message}</p>`}
    ${
      this.#ended === ''
        ? nothing
        : html`<p class="message failed" role="alert">Training stopped: ${this.#ended}.
      ${this.problem === '' ? 'The rest of the notebook kept working; press Train to start again.' : ''}</p>`
    }
    ${this.renderProgress(value)} ${value === undefined ? this.renderIdle() : this.renderRun(value)}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page: render again so updated() watches the scroller afresh.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#scrollerSize.disconnect();
    this.#observedScroller = undefined;
  }

  protected override updated(): void {
    this.#watchScroller(this.renderRoot.querySelector<HTMLElement>('.scroll'));
    const wrong = this.value?.wrong ?? [];
    for (const canvas of this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas[data-wrong]')) {
      const example = wrong[Number(canvas.dataset.wrong)];
      if (example !== undefined) paintDigit(canvas, example.image, 28);
    }
  }

  private renderToolbar(value: TrainValue | undefined): TemplateResult {
    const enabled = trainButtons(value, this.running);
    const button = (command: TrainCommand, text: string, on: boolean, primary = false) =>
      html`<button class=${primary ? 'primary' : ''} ?disabled=${!on} @click=${() => this.command(command)}>${text}</button>`;
    return html`<div class="toolbar" role="toolbar" aria-label=${`${this.label} controls`}>
      ${button('train', 'Train', enabled.train, true)} ${button('stop', 'Stop', enabled.stop)}
      ${button('resume', 'Resume', enabled.resume)} ${button('reset', 'Reset', enabled.reset)}
      <button ?disabled=${!enabled.apply} @click=${this.apply}
        title="Write the learned weights into their weights cells (one undoable edit)">Apply weights</button>
      ${
        !this.stale
          ? nothing
          : value !== undefined && runKey(value) === this.#appliedRun
            ? html`<span class="applied" role="status">Applied: the weights cells now hold what this run learned. Train again to go on from them.</span>`
            : html`<span class="stale" role="status">Out of date: the network, its weights or the data changed since this run</span>`
      }
    </div>`;
  }

  private renderIdle(): TemplateResult {
    return html`<p class="legend">Not trained yet. Train runs every weights cell between the dataset and the loss.</p>`;
  }

  private renderProgress(value: TrainValue | undefined): TemplateResult | typeof nothing {
    if (!this.running && value?.status !== 'running') return nothing;
    const done = this.progress?.done ?? 0;
    const total = this.progress?.total ?? value?.plannedSteps ?? 1;
    return html`<div class="progress">
      <progress max=${total} .value=${done} aria-label=${`${this.label} progress`}></progress>
      <span>step ${formatCount(value?.steps ?? done)} of ${formatCount(value?.plannedSteps ?? total)}</span>
    </div>`;
  }

  private renderRun(value: TrainValue): TemplateResult {
    const figure = (label: string, number: string) =>
      html`<div class="figure"><span class="number">${number}</span><span class="label">${label}</span></div>`;
    return html`<div class="figures">
        ${figure('test accuracy', percent(value.testAccuracy, 2))} ${figure('train accuracy', percent(value.trainAccuracy, 2))}
        ${figure('examples seen', formatCount(value.examplesSeen))} ${figure('epochs', value.epochs.toFixed(1))}
        ${figure('seconds', value.seconds.toFixed(1))} ${figure('examples/s', formatCount(Math.round(value.examplesPerSecond)))}
      </div>
      <p class="legend">Computed on <span class="threads">${threadsText(value)}</span>.</p>
      <div class="charts">${this.renderLoss(value)} ${this.renderAccuracy(value)}</div>
      ${value.confusion.length > 0 ? this.renderConfusion(value) : nothing}
      ${value.wrong.length > 0 ? this.renderWrong(value) : nothing} ${this.renderLayers(value)}`;
  }

  /** Weights vs connections per layer, and what training costs in memory next to inference. */
  private renderLayers(value: TrainValue): TemplateResult {
    const kb = (floats: number) => `${formatCount(Math.round((floats * 4) / 1024))} kB`;
    // The run's batch size (examples per step), or the usual 20 before any step.
    const batch = value.steps > 0 ? Math.round(value.examplesSeen / value.steps) : 20;
    return html`<h4>Weights and connections per layer</h4>
      <table>
        <thead><tr><th scope="col">layer</th><th scope="col">output</th><th scope="col">weights</th><th scope="col">connections</th></tr></thead>
        <tbody>${value.layers.map(
          (l) => html`<tr><th scope="row">${l.cellId} (${l.kind})</th><td>${l.outputShape.join('×')}</td>
            <td>${formatCount(l.weights)}</td><td>${formatCount(l.connections)}</td></tr>`,
        )}</tbody>
      </table>
      <p class="legend">
        ${formatCount(value.memory.parameters)} weights (${kb(value.memory.parameters)}). Classifying one picture keeps
        ${formatCount(value.memory.inferencePerExample)} activations (${kb(value.memory.inferencePerExample)}); training keeps
        every activation and its gradient for each example of the batch: ${kb(value.memory.trainingPerExample * batch)} for ${batch}.
      </p>`;
  }

  private renderLoss(value: TrainValue): TemplateResult {
    const examples = value.lossCurve.map((p) => p.examples);
    const losses = value.lossCurve.map((p) => p.loss);
    // The loss axis starts at 0 (a loss cannot go below) and ends at the round tick above the largest loss.
    // Only finite losses set it: a run that diverged (Infinity, NaN) must not take the axis with it.
    const y = niceAxis(0, Math.max(...losses.filter(Number.isFinite), 0.1), Y_GAPS, { extend: true });
    const line = polyline(examples, losses, PLOT_W, PLOT_H, [y.min, y.max]);
    // The learning rate on its own scale (0 to its peak), so warm-up and decay show beside the loss.
    const rates = value.lossCurve.map((p) => p.learningRate ?? Number.NaN);
    const rate = polyline(examples, rates, PLOT_W, PLOT_H, [
      0,
      Math.max(...rates.filter(Number.isFinite), 0),
    ]);
    const xAxis: ChartAxis = {
      axis: niceAxis(0, line.xMax, X_GAPS, { integers: true }),
      name: 'examples seen',
      format: formatCount,
    };
    const yAxis: ChartAxis = { axis: y, name: 'loss', format: (v) => formatTick(v, y.step) };
    const label = `loss from ${value.lossCurve[0]?.loss.toFixed(3) ?? '–'} to ${value.lossCurve.at(-1)?.loss.toFixed(3) ?? '–'}; learning rate peaks at ${formatRate(rate.max)}`;
    return html`<figure style="width: ${CHART_W}px">
      <figcaption>
        <h4>Training loss (cross-entropy)</h4>
        <span class="legend"><span class="swatch" style="background: var(--cb-accent)"></span>loss
        <span class="swatch dashed"></span>learning rate (0 to ${formatRate(rate.max)})</span>
      </figcaption>
      ${renderChartFrame(
        xAxis,
        yAxis,
        svg`<polyline class="rate-line" points=${rate.points}></polyline>
          <polyline class="loss-line" points=${line.points}></polyline>`,
        label,
      )}
    </figure>`;
  }

  private renderAccuracy(value: TrainValue): TemplateResult {
    const steps = value.accuracyCurve.map((p) => p.step);
    const test = polyline(
      steps,
      value.accuracyCurve.map((p) => p.test),
      PLOT_W,
      PLOT_H,
      [0, 1],
    );
    const train = polyline(
      steps,
      value.accuracyCurve.map((p) => p.train),
      PLOT_W,
      PLOT_H,
      [0, 1],
    );
    const y = niceAxis(0, 1, Y_GAPS);
    const xAxis: ChartAxis = {
      axis: niceAxis(0, test.xMax, X_GAPS, { integers: true }),
      name: 'step',
      format: formatCount,
    };
    const yAxis: ChartAxis = {
      axis: y,
      name: 'accuracy',
      format: (v) => `${formatTick(100 * v, 100 * y.step)}%`,
    };
    return html`<figure style="width: ${CHART_W}px">
      <figcaption>
        <h4>Accuracy</h4>
        <span class="legend"><span class="swatch" style="background: var(--cb-accent)"></span>test
        <span class="swatch" style="background: var(--cb-warning)"></span>train batches</span>
      </figcaption>
      ${renderChartFrame(
        xAxis,
        yAxis,
        svg`<polyline class="train-line" points=${train.points}></polyline>
          <polyline class="test-line" points=${test.points}></polyline>`,
        `test accuracy ${percent(value.accuracyCurve.at(-1)?.test ?? 0)}`,
      )}
    </figure>`;
  }

  private renderConfusion(value: TrainValue): TemplateResult {
    const cells = confusionCells(value.confusion);
    const names = value.classNames;
    return html`<h4>Confusion on the ${formatCount(value.confusion.flat().reduce((a, b) => a + b, 0))} test examples
        (rows: true class, columns: predicted; blue right, red wrong, darker = larger share of the row)</h4>
      <div class="scroll-frame"><div class="scroll" tabindex="0" role="region" aria-label="Confusion matrix"
        @scroll=${(e: Event) => showScrollCue(e.currentTarget as Element)}><table class="confusion">
        <thead><tr><th scope="col" class="corner" aria-label="true class by row, predicted by column">
          <span>said →</span><span>true ↓</span></th>${names.map((n) => html`<th scope="col">${n}</th>`)}</tr></thead>
        <tbody>${cells.map(
          (row, r) =>
            html`<tr><th scope="row">${names[r]}</th>${row.map(
              (
                c,
                p,
              ) => html`<td style="background: ${confusionColour(c.fraction, r === p)}; color: ${confusionTextColour(c.fraction)}"
                aria-label=${`true ${names[r]}, predicted ${names[p]}: ${c.count}`}>${c.count}</td>`,
            )}</tr>`,
        )}</tbody>
      </table></div></div>`;
  }

  private renderWrong(value: TrainValue): TemplateResult {
    const names = value.classNames;
    return html`<h4>The most confidently wrong test digits (true → predicted, and how sure)</h4>
      <ul class="wrong">
        ${value.wrong.map(
          (w, i) => html`<li>
            <canvas data-wrong=${i} role="img" aria-label=${`test digit ${w.index}: a ${names[w.label]}, predicted ${names[w.predicted]}`}></canvas>
            <span>${names[w.label]} → ${names[w.predicted]}</span><span>${percent(w.confidence, 0)}</span>
          </li>`,
        )}
      </ul>
      <p class="legend">Handwritten digits from MNIST, by Yann LeCun, Corinna Cortes and Christopher J. C. Burges.</p>`;
  }

  /** Follows the current scroller (a new run may render a new one) and sets its cue for the new content. */
  #watchScroller(scroller: HTMLElement | null): void {
    if (scroller !== this.#observedScroller) {
      if (this.#observedScroller !== undefined) this.#scrollerSize.unobserve(this.#observedScroller);
      if (scroller !== null) this.#scrollerSize.observe(scroller);
      this.#observedScroller = scroller ?? undefined;
    }
    if (scroller !== null) showScrollCue(scroller);
  }

  private command(command: TrainCommand): void {
    this.dispatchEvent(new TrainCommandEvent(this.cellId, command));
  }

  /**
   * The run last applied from here. Apply edits the weights cells, which makes the run out of date by the
   * runtime's rule (its inputs changed); that is what the student asked for, so it is said as such.
   */
  #appliedRun: string | undefined;

  private readonly apply = (): void => {
    if (this.value === undefined) return;
    this.#appliedRun = runKey(this.value);
    this.requestUpdate();
    this.dispatchEvent(new TrainApplyEvent(this.cellId, trainedWeightPatches(this.value)));
  };
}

/** A run told apart from other runs (it comes back from the worker as a new object once stale). */
function runKey(run: TrainValue): string {
  const last = run.lossCurve.at(-1);
  return `${run.steps}:${run.lossCurve.length}:${last?.examples}:${last?.loss}`;
}

/**
 * Marks the scroller's frame with the sides where columns are out of sight, so a shadow there says the
 * matrix goes on: a scrollbar alone is invisible on touch screens until one scrolls. Not the pure-CSS
 * scrollCue (app-styles/scroll-cue-styles.ts) the stats tables use: its shadows are the scroller's own
 * background, which the matrix's tinted cells would paint over; these sit on the frame, above them.
 */
function showScrollCue(scroller: Element): void {
  const frame = scroller.parentElement;
  if (frame === null) return;
  frame.toggleAttribute('data-more-left', scroller.scrollLeft > 1);
  frame.toggleAttribute(
    'data-more-right',
    scroller.scrollLeft + scroller.clientWidth < scroller.scrollWidth - 1,
  );
}

/** A learning rate in a few significant digits: 0.003, 2.5e-4. */
function formatRate(rate: number): string {
  return rate >= 0.001 || rate === 0 ? String(Number(rate.toPrecision(2))) : rate.toExponential(1);
}

customElements.define('cb-train-view', CbTrainView);

declare global {
  interface HTMLElementTagNameMap {
    'cb-train-view': CbTrainView;
  }
}

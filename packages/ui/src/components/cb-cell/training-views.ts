import type { CellState, CellValue, TrainValue } from '@convbook/cells';
import { Tensor } from '@convbook/core';
import { html, type TemplateResult } from 'lit';
import { formatCount } from '../../format/format-number';
import '../cb-class-bars/cb-class-bars';
import '../cb-digit-canvas/cb-digit-canvas';
import '../cb-digits-grid/cb-digits-grid';
import '../cb-param-controls/cb-param-controls';
import '../cb-train-view/cb-train-view';
import type { EditorContext } from './kind-views';

/**
 * The editors of issue 10's kinds, as the kind-views table uses them: the train cell (its settings above
 * the Train/Stop/Resume/Reset/Apply view, which shows the cell's whole state), the draw-a-digit pad, and
 * weights cells, whose learned numbers are base64 text no one should type: the controls leave them out.
 */

/** The weights cell params Apply writes; shown as a picture (the value view), never as text fields. */
const LEARNED_PARAMS = new Set(['data', 'bias']);

export function trainEditor({ cell, info, state, value }: EditorContext): TemplateResult {
  const shown = trainShown(state, value);
  const progress = state?.status === 'pending' ? state.progress : undefined;
  return html`<cb-param-controls cell-id=${cell.id} kind=${cell.kind} .controls=${info?.controls ?? []}
      .params=${cell.params ?? {}} .cellChoices=${{}}></cb-param-controls>
    <cb-train-view cell-id=${cell.id} label=${cell.title || cell.id} .value=${shown}
      ?running=${state?.status === 'pending'} ?stale=${state?.status === 'ok' && state.stale === true}
      .progress=${progress === undefined ? undefined : { done: progress.done, total: progress.total }}
      .problem=${state?.status === 'error' ? state.error.message : ''}></cb-train-view>`;
}

/** The run on screen: the finished one, the live snapshot while running, nothing once reset. */
function trainShown(state: CellState | undefined, last: CellValue | undefined): TrainValue | undefined {
  const pick = (v: CellValue | undefined) => (v?.type === 'train' ? v : undefined);
  if (state === undefined || state.status === 'idle') return undefined;
  if (state.status === 'ok') return pick(state.value);
  if (state.status === 'pending') return pick(state.progress?.partial) ?? pick(last);
  return pick(last);
}

/** A softmax over a few classes (the digits' ten) as labelled bars; a long one keeps the usual map. */
const MAX_BARS = 20;

export function classBars(value: CellValue, name: string): TemplateResult | undefined {
  if (value.type !== 'tensor' || value.tensor.data.length > MAX_BARS) return undefined;
  return html`<cb-class-bars .values=${value.tensor.data} label=${`${name}: probability of each class`}></cb-class-bars>`;
}

export function drawnDigitEditor({ cell }: EditorContext): TemplateResult {
  const pixels = typeof cell.params?.pixels === 'string' ? cell.params.pixels : '';
  return html`<cb-digit-canvas cell-id=${cell.id} label=${cell.title || cell.id} .pixels=${pixels}></cb-digit-canvas>`;
}

export function weightsEditor({ cell, info }: EditorContext): TemplateResult {
  const params = cell.params ?? {};
  const controls = (info?.controls ?? []).filter((control) => !LEARNED_PARAMS.has(control.name));
  const shape = Array.isArray(params.shape) ? (params.shape as number[]) : [];
  const count = shape.reduce((a, b) => a * b, 1);
  const learned = typeof params.data === 'string';
  return html`<cb-param-controls cell-id=${cell.id} kind=${cell.kind} .controls=${controls}
      .params=${params} .cellChoices=${{}}></cb-param-controls>
    <p class="weights-source" role="status">${
      learned
        ? html`Holds ${formatCount(count)} learned weights (stored as float16). Train again and Apply to replace
            them; Undo takes them back.`
        : html`Stored here: ${formatCount(count)} weights from the seeded ${params.init === 'glorot' ? 'Glorot' : 'He'}
            start, what the network computes with until a training run's weights are applied.`
    }</p>`;
}

/** The weights a running train cell has reached, per weights cell, as kernel values to draw meanwhile. */
export interface LiveWeights {
  readonly value: CellValue;
  readonly note: string;
}

/** While a run goes on, the weights cells repaint every this many steps (a big bank is 128 canvases). */
const REPAINT_STEPS = 100;

/**
 * The weights running (or finished, not yet applied) train cells have reached, per weights cell. Keeps
 * handing out the same objects between repaints, so the weights cells re-render only every REPAINT_STEPS.
 */
export class LiveTrainedWeights {
  #runs = new Map<string, { readonly run: TrainValue; readonly cells: ReadonlyMap<string, LiveWeights> }>();

  /** `titles`: each cell's title (or id), to name the train cell in the weights cells' notes. */
  update(
    states: ReadonlyMap<string, CellState>,
    titles: ReadonlyMap<string, string> = new Map(),
  ): ReadonlyMap<string, LiveWeights> {
    const runs = new Map<
      string,
      { readonly run: TrainValue; readonly cells: ReadonlyMap<string, LiveWeights> }
    >();
    for (const [trainId, state] of states) {
      const run = trainedNotStored(state);
      if (run === undefined) continue;
      const shown = this.#runs.get(trainId);
      const recent = shown?.run.status === 'running' && run.status === 'running';
      if (shown !== undefined && recent && run.steps - shown.run.steps < REPAINT_STEPS)
        runs.set(trainId, shown);
      else runs.set(trainId, { run, cells: weightsOfRun(titles.get(trainId) ?? trainId, run) });
    }
    this.#runs = runs;
    return new Map([...runs.values()].flatMap(({ cells }) => [...cells]));
  }
}

function weightsOfRun(trainName: string, run: TrainValue): ReadonlyMap<string, LiveWeights> {
  const note =
    run.status === 'running'
      ? `Learning in “${trainName}”: these are the weights at step ${formatCount(run.steps)}. Press Apply weights there to keep them.`
      : `Trained by “${trainName}” (${formatCount(run.steps)} steps), not stored here yet: press Apply weights there to keep them.`;
  return new Map(run.weights.map((w) => [w.cellId, { value: kernelOf(w), note }]));
}

/**
 * The run whose weights the weights cells should show: the live snapshot while training, the finished run
 * until Apply (which edits the weights cells, so the run turns stale and the cells show their own values).
 */
function trainedNotStored(state: CellState): TrainValue | undefined {
  const value =
    state.status === 'pending'
      ? state.progress?.partial
      : state.status === 'ok' && !state.stale
        ? state.value
        : undefined;
  return value?.type === 'train' && value.weights.length > 0 ? value : undefined;
}

function kernelOf(w: TrainValue['weights'][number]): CellValue {
  return { type: 'kernel', weights: new Tensor(w.shape, w.weights), bias: w.bias };
}

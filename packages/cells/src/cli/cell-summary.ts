import type { Tensor } from '@convbook/core';
import type { CellValue } from '../cell-value';
import type { CellState } from '../runtime/cell-state';

/** One line of the runner's summary.json. */
export interface CellSummary {
  readonly id: string;
  readonly kind: string;
  readonly status: CellState['status'];
  readonly error?: string;
  /** Set when the error was inherited: the cell that really failed. */
  readonly upstream?: string;
  readonly shape?: readonly number[];
  readonly min?: number;
  readonly max?: number;
  readonly mean?: number;
  readonly loss?: number;
  /** Training runs: the loss before the first step and after the last. */
  readonly training?: { readonly steps: number; readonly lossBefore: number; readonly lossAfter: number };
  readonly ms?: number;
  /** A train cell's run: accuracies 0–1 on the test split and a 2,000-example train sample, and speed. */
  readonly testAccuracy?: number;
  readonly trainAccuracy?: number;
  readonly examplesSeen?: number;
  readonly seconds?: number;
  readonly examplesPerSecond?: number;
  readonly steps?: number;
  /** How the run used the cores: one thread, or a helper thread (shared memory or messages). */
  readonly threads?: { readonly mode: string; readonly steps: number; readonly helpedSteps: number };
  /** done, stopped or diverged, and why it ended early. */
  readonly trainStatus?: string;
  readonly message?: string;
  /** Text computed by a readout cell (peaks, compare); plain notes are left out, their text is in the notebook. */
  readonly readout?: string;
  /** The numbers behind a readout (compare: changed, active, units, largest differences). */
  readonly figures?: Readonly<Record<string, number>>;
}

/**
 * The picture of a value, when it has one: the tensor itself, a kernel's weights, a loss's error map, a
 * gradient (the learned kernel of a training run is written separately). Notes and stats have none.
 */
export function renderableTensor(value: CellValue): Tensor | undefined {
  switch (value.type) {
    case 'tensor':
      return value.tensor;
    case 'kernel':
      return value.weights;
    case 'loss':
      return value.errorMap;
    case 'grad':
      return value.gradient;
    case 'stats':
    case 'note':
    case 'dataset':
    case 'train':
      return undefined;
  }
}

export function summarizeCell(id: string, kind: string, state: CellState): CellSummary {
  switch (state.status) {
    case 'pending':
    case 'idle':
      return { id, kind, status: state.status };
    case 'error':
      return {
        id,
        kind,
        status: 'error',
        error: state.error.message,
        ...(state.error.upstream === undefined ? {} : { upstream: state.error.upstream }),
      };
    case 'ok': {
      const tensor = renderableTensor(state.value);
      return {
        id,
        kind,
        status: 'ok',
        ms: round(state.ms),
        ...lossFigures(state.value),
        ...trainFigures(state.value),
        ...(state.value.type === 'note' && kind !== 'note' ? { readout: state.value.markdown } : {}),
        ...(state.value.type === 'tensor' && state.value.figures !== undefined
          ? { readout: state.value.note, figures: state.value.figures }
          : {}),
        ...(tensor ? tensorStatistics(tensor) : {}),
      };
    }
  }
}

function lossFigures(value: CellValue): Pick<CellSummary, 'loss' | 'training'> {
  if (value.type === 'loss') return { loss: value.loss };
  if (value.type !== 'grad' || value.training === undefined) return {};
  const curve = value.training.lossCurve;
  return {
    training: {
      steps: value.training.steps,
      lossBefore: curve[0] ?? Number.NaN,
      lossAfter: curve.at(-1) ?? Number.NaN,
    },
  };
}

function trainFigures(value: CellValue): Partial<CellSummary> {
  if (value.type !== 'train') return {};
  return {
    testAccuracy: value.testAccuracy,
    trainAccuracy: value.trainAccuracy,
    examplesSeen: value.examplesSeen,
    seconds: round(value.seconds),
    examplesPerSecond: round(value.examplesPerSecond),
    steps: value.steps,
    threads: value.threads,
    trainStatus: value.status,
    ...(value.message === undefined ? {} : { message: value.message }),
  };
}

/** Shape plus min / max / mean over finite values (NaN would poison all three and hide the rest). */
export function tensorStatistics(tensor: Tensor): {
  shape: readonly number[];
  min: number;
  max: number;
  mean: number;
} {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let count = 0;
  for (const v of tensor.data) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    count++;
  }
  return count === 0
    ? { shape: tensor.shape, min: Number.NaN, max: Number.NaN, mean: Number.NaN }
    : { shape: tensor.shape, min: round(min), max: round(max), mean: round(sum / count) };
}

function round(value: number): number {
  return Number(value.toPrecision(6));
}

import { type GradientHelper, type Network, type OptimizerOptions, parallelTrainStep } from '@convbook/core';
import { BatchFeeder } from './batches';
import { evaluateSplit } from './evaluate';
import type { AccuracyPoint, CurvePoint, DatasetValue, TrainValue } from './train-value';

/**
 * Minibatch training with curves, yielding to the event loop every few milliseconds so a Stop (the
 * AbortSignal) or a progress report can get through. Stops early on a non-finite loss, restoring the
 * weights from before the update that produced it.
 */
export interface LoopSettings {
  readonly optimizer: OptimizerOptions;
  readonly schedule: 'constant' | 'cosine';
  readonly batchSize: number;
  readonly seed: number;
  readonly shift: number;
  readonly firstStep: number;
  readonly plannedSteps: number;
  readonly frozen: ReadonlySet<string>;
}

export interface LoopState {
  step: number;
  examplesSeen: number;
  readonly lossCurve: CurvePoint[];
  readonly accuracyCurve: AccuracyPoint[];
  end: TrainValue['status'];
  message?: string;
}

export interface LoopHooks {
  readonly signal: AbortSignal;
  /** Called about every REPORT_MS with the state so far. */
  readonly report: (state: LoopState) => void;
  /** Another thread for the second half of each batch; the weights come out bit-for-bit the same. */
  readonly helper?: GradientHelper | undefined;
}

const YIELD_MS = 30;
const REPORT_MS = 250;
/** Test examples scored for each point of the accuracy curve (the full split is scored at the end). */
const CURVE_TEST_EXAMPLES = 500;

export async function runTrainingLoop(
  network: Network,
  dataset: DatasetValue,
  settings: LoopSettings,
  state: LoopState,
  hooks: LoopHooks,
): Promise<void> {
  const side: [number, number] = [dataset.imageShape[1], dataset.imageShape[2]];
  const feeder = new BatchFeeder(dataset.train, side, settings.batchSize, settings.seed, settings.shift);
  const labels = new Uint8Array(network.maxBatch);
  const backup = network.parameters().map((p) => ({ p, weights: p.weights.slice(), bias: p.bias.slice() }));
  const lossEvery = Math.max(1, Math.ceil((settings.plannedSteps - settings.firstStep) / 600));
  const accuracyEvery = Math.max(lossEvery, Math.round(feeder.stepsPerEpoch / 4));
  let lossSum = 0;
  let lossCount = 0;
  let trainCorrect = 0;
  let trainSeen = 0;
  let lastYield = Date.now();
  let lastReport = lastYield;

  while (state.step < settings.plannedSteps) {
    if (hooks.signal.aborted) {
      state.end = 'stopped';
      state.message = `stopped at step ${state.step} of ${settings.plannedSteps}`;
      return;
    }
    const batch = feeder.trainBatch(state.step, network.input, labels);
    for (const b of backup) {
      b.weights.set(b.p.weights);
      b.bias.set(b.p.bias);
    }
    const rate = learningRateAt(settings, state.step);
    const optimizer = { ...settings.optimizer, learningRate: rate };
    const result =
      hooks.helper === undefined
        ? network.trainStep(labels, batch, optimizer, settings.frozen)
        : await parallelTrainStep(network, hooks.helper, labels, batch, optimizer, settings.frozen);
    if (!Number.isFinite(result.loss) || !weightsFinite(network)) {
      for (const b of backup) {
        b.p.weights.set(b.weights);
        b.p.bias.set(b.bias);
      }
      state.end = 'diverged';
      state.message =
        `training diverged at step ${state.step + 1}: the loss became ${Number.isFinite(result.loss) ? `${result.loss.toPrecision(4)} and the weights overflowed` : result.loss}; ` +
        `the weights from the step before are kept. Try a smaller learning rate than ${settings.optimizer.learningRate}.`;
      return;
    }
    state.step++;
    state.examplesSeen += batch;
    lossSum += result.loss;
    lossCount++;
    trainCorrect += result.correct;
    trainSeen += batch;
    if (lossCount === lossEvery) {
      state.lossCurve.push({ step: state.step, examples: state.examplesSeen, loss: lossSum / lossCount });
      lossSum = 0;
      lossCount = 0;
    }
    if (state.step % accuracyEvery === 0 || state.step === settings.plannedSteps) {
      const test = evaluateSplit(network, dataset.test, side, { limit: CURVE_TEST_EXAMPLES }).accuracy;
      state.accuracyCurve.push({ step: state.step, train: trainCorrect / Math.max(trainSeen, 1), test });
      trainCorrect = 0;
      trainSeen = 0;
    }
    const now = Date.now();
    if (now - lastYield >= YIELD_MS) {
      if (now - lastReport >= REPORT_MS) {
        hooks.report(state);
        lastReport = now;
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = Date.now();
    }
  }
  state.end = 'done';
}

/** Cosine decay from the set rate to zero over the planned steps, or the set rate throughout. */
function learningRateAt(settings: LoopSettings, step: number): number {
  const rate = settings.optimizer.learningRate;
  if (settings.schedule === 'constant') return rate;
  const progress = step / Math.max(settings.plannedSteps, 1);
  return rate * 0.5 * (1 + Math.cos(Math.PI * progress));
}

function weightsFinite(network: Network): boolean {
  for (const p of network.parameters()) {
    for (const array of [p.weights, p.bias]) {
      for (let i = 0; i < array.length; i++) if (!Number.isFinite(array[i])) return false;
    }
  }
  return true;
}

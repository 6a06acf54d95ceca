import { type Network, openParallelTrainer, type ParallelTrainer } from '@convbook/core';
import type { ObjectOf } from '../../document/param-schema';
import type { GraphView } from '../define-cell-kind';
import { withCompute } from '../kind-compute';
import { lossSchema } from '../loss-schema';
import { accuracyOf, evaluateSplit } from './evaluate';
import { attachWeights, type NetworkChain, readNetworkChain } from './network-chain';
import { type LoopSettings, type LoopState, runTrainingLoop } from './train-loop';
import { buildNetwork, countLayers, frozenLayers, learnedWeights } from './train-network';
import { type trainParams, trainSchema } from './train-schema';
import type { DatasetValue, TrainValue } from './train-value';

const EVAL_BATCH = 100;
const TRAIN_ACCURACY_EXAMPLES = 2000;

type TrainParams = ObjectOf<typeof trainParams>;

/** Runs train cells (the schema, train-schema.ts, is what the page reads). */
export const trainCell = withCompute(trainSchema, {
  compute: async ({ dataset }, params, context) => {
    const chain = readChain(context.graph, context.cellId);
    checkDataset(chain, dataset);
    const maxBatch = Math.max(params.batchSize, EVAL_BATCH);
    const specs = attachWeights(chain, maxBatch);
    const previous = context.previous?.type === 'train' ? context.previous : undefined;
    const { network, resumed } = buildNetwork(chain, specs, maxBatch, previous);
    if (network.classes !== dataset.classNames.length) {
      throw new Error(
        `loss: the network scores ${network.classes} classes but the dataset has ${dataset.classNames.length} labels; ` +
          `set the last dense layer's units to ${dataset.classNames.length}`,
      );
    }
    const stepsPerEpoch = Math.max(1, Math.floor(dataset.train.count / params.batchSize));
    const before = resumed ? previous : undefined;
    const continuing = before !== undefined && before.status !== 'done' && before.steps < before.plannedSteps;
    const firstStep = before?.steps ?? 0;
    const plannedSteps = continuing ? before.plannedSteps : firstStep + params.epochs * stepsPerEpoch;
    const state: LoopState = {
      step: firstStep,
      examplesSeen: before?.examplesSeen ?? 0,
      lossCurve: [...(before?.lossCurve ?? [])],
      accuracyCurve: [...(before?.accuracyCurve ?? [])],
      end: 'done',
      threads: {
        mode: 'one-thread',
        steps: before?.threads?.steps ?? 0,
        helpedSteps: before?.threads?.helpedSteps ?? 0,
      },
    };
    const started = Date.now();
    const base = { chain, dataset, network, plannedSteps, started, earlierSeconds: before?.seconds ?? 0 };
    // The second core, when the host lends one: it also scores the curves and the final train sample.
    const helper = context.parallel?.gradientHelper?.();
    const trainer = helper === undefined ? undefined : openParallelTrainer(network, helper);
    try {
      await runTrainingLoop(
        network,
        dataset,
        loopSettings(params, firstStep, plannedSteps, frozenLayers(chain)),
        state,
        {
          signal: context.signal,
          ...(trainer === undefined ? {} : { trainer }),
          report: (s) => context.progress(s.step - firstStep, plannedSteps - firstStep, snapshot(base, s)),
        },
      );
      return finalValue(base, state, trainer);
    } finally {
      trainer?.close();
    }
  },
});

function loopSettings(
  params: TrainParams,
  firstStep: number,
  plannedSteps: number,
  frozen: ReadonlySet<string>,
): LoopSettings {
  const { optimizer, learningRate, weightDecay, momentum, schedule, warmup, batchSize, seed, shift } = params;
  return {
    optimizer: { optimizer, learningRate, weightDecay, beta1: momentum },
    ...{ schedule, warmup, batchSize, seed, shift, firstStep, plannedSteps, frozen },
  };
}

/** The train cell's loss input must be a cross-entropy loss cell; its prediction leads back to the layers. */
function readChain(graph: GraphView, cellId: string): NetworkChain {
  const lossId = graph.cell(cellId)?.inputs?.loss as string;
  const loss = graph.cell(lossId);
  const parsed = loss === undefined ? undefined : lossSchema.parseParams(loss.params, 'params');
  if (loss?.kind !== 'loss' || parsed === undefined || 'problems' in parsed) {
    throw new Error(`loss: "${lossId}" must be a loss cell`);
  }
  if (parsed.params.loss !== 'cross-entropy') {
    throw new Error(
      `loss: "${lossId}" uses ${String(parsed.params.loss)}; a classifier trains with cross-entropy`,
    );
  }
  const prediction = loss.inputs?.prediction;
  if (prediction === undefined) throw new Error(`loss: "${lossId}" has no prediction wired`);
  return readNetworkChain(graph, prediction);
}

function checkDataset(chain: NetworkChain, dataset: DatasetValue): void {
  const expected = dataset.imageShape;
  if (chain.inputShape.join() !== expected.join()) {
    throw new Error(
      `dataset: the layers start at "${chain.inputCellId}", a [${chain.inputShape.join(', ')}] picture, ` +
        `but the dataset's examples are [${expected.join(', ')}]`,
    );
  }
  if (!chain.weights.some((w) => w.trainable)) {
    throw new Error('loss: no weights cell between the dataset and the loss; nothing to train');
  }
}

interface RunBase {
  readonly chain: NetworkChain;
  readonly dataset: DatasetValue;
  readonly network: Network;
  readonly plannedSteps: number;
  readonly started: number;
  readonly earlierSeconds: number;
}

function common(base: RunBase, state: LoopState) {
  const seconds = base.earlierSeconds + (Date.now() - base.started) / 1000;
  const counts = countLayers(base.network);
  return {
    type: 'train' as const,
    steps: state.step,
    plannedSteps: base.plannedSteps,
    examplesSeen: state.examplesSeen,
    epochs: state.examplesSeen / Math.max(base.dataset.train.count, 1),
    seconds,
    examplesPerSecond: seconds > 0 ? state.examplesSeen / seconds : 0,
    lossCurve: [...state.lossCurve],
    accuracyCurve: [...state.accuracyCurve],
    classNames: base.dataset.classNames,
    layers: counts.layers,
    memory: counts.memory,
    inputShape: base.chain.inputShape,
    threads: state.threads,
  };
}

/** A progress picture while running: curves and current weights, no final scores yet. */
function snapshot(base: RunBase, state: LoopState): TrainValue {
  const last = state.accuracyCurve.at(-1);
  return {
    ...common(base, state),
    status: 'running',
    trainAccuracy: last?.train ?? 0,
    testAccuracy: last?.test ?? 0,
    confusion: [],
    wrong: [],
    weights: learnedWeights(base.network, base.chain, false),
  };
}

function finalValue(base: RunBase, state: LoopState, trainer: ParallelTrainer | undefined): TrainValue {
  const side: [number, number] = [base.dataset.imageShape[1], base.dataset.imageShape[2]];
  const weights = learnedWeights(base.network, base.chain, true);
  const test = evaluateSplit(base.network, base.dataset.test, side, { details: true });
  const count = trainer === undefined ? undefined : trainer.correctCount.bind(trainer);
  const trainAccuracy = accuracyOf(base.network, base.dataset.train, side, TRAIN_ACCURACY_EXAMPLES, count);
  return {
    ...common(base, state),
    status: state.end,
    ...(state.message === undefined ? {} : { message: state.message }),
    trainAccuracy,
    testAccuracy: test.accuracy,
    confusion: test.confusion ?? [],
    wrong: test.wrong ?? [],
    weights,
  };
}

import { describe, int, num, oneOf, withDefault } from '../../document/param-schema';
import { defineKindSchema } from '../kind-schema';

/** The train cell's settings, also typed for the compute (train-cell.ts). */
export const trainParams = {
  optimizer: withDefault(
    describe(oneOf('sgd', 'momentum', 'adam'), 'Optimizer', 'Adam adapts a step size per weight.'),
    'adam',
  ),
  learningRate: withDefault(
    describe(num(1e-6, 10), 'Learning rate', 'Step size; 0.001–0.003 suits Adam.'),
    0.002,
  ),
  schedule: withDefault(
    describe(oneOf('constant', 'cosine'), 'Schedule', 'Cosine lowers the rate smoothly to zero.'),
    'cosine',
  ),
  warmup: withDefault(
    describe(
      num(0, 0.5),
      'Warm-up',
      'Share of the run over which the rate climbs from zero to the set rate (0.1 = the first tenth).',
    ),
    0,
  ),
  batchSize: withDefault(describe(int(1, 256), 'Batch size', 'Examples per step.'), 20),
  epochs: withDefault(
    describe(int(0, 1000), 'Epochs', 'Passes over the training split; 0 only scores the weights.'),
    10,
  ),
  weightDecay: withDefault(
    describe(num(0, 1), 'Weight decay', 'L2 penalty on the weights (not the biases).'),
    0,
  ),
  momentum: withDefault(describe(num(0, 0.999), 'Momentum', 'Momentum, or Adam’s β1.'), 0.9),
  shift: withDefault(
    describe(int(0, 4), 'Random shift', 'Moves each training digit by up to this many pixels.'),
    0,
  ),
  seed: withDefault(describe(int(0, 2 ** 32 - 1), 'Seed', 'Fixes the batch order and the shifts.'), 1),
};

/**
 * Trains every weights cell between a dataset and a cross-entropy loss, end to end, by minibatch SGD,
 * momentum or Adam. An on-demand cell: it runs when asked (Train), not on every edit; Resume continues
 * from `context.previous`. The value carries curves, accuracies, the test confusion matrix, the most
 * confidently wrong test examples and the learned weights, rounded to float16 as Apply stores them (so
 * the reported accuracy is the accuracy of the weights that get saved and shared).
 */
export const trainSchema = defineKindSchema({
  kind: 'train',
  label: 'Train',
  description: 'Trains every weights cell between a dataset and its loss, on a button press.',
  runsOn: 'demand',
  inputs: { dataset: 'dataset', loss: 'loss' },
  params: trainParams,
  output: 'train',
});

import type { LayerSpec } from './layers';

/**
 * The small CNN ConvNetJS trained on MNIST in its 2014 browser demo, as training layer specs for a
 * [1, 28, 28] input: conv 5×5×8 (pad 2, ReLU) → max pool 2 → conv 5×5×16 (pad 2, ReLU) → max pool 3 →
 * dense 10. examples/digits.json builds the same network from cells; the benches train this one.
 */
export const DIGITS_CNN_INPUT = [1, 28, 28] as const;

export const DIGITS_CNN_LAYERS: readonly LayerSpec[] = [
  {
    kind: 'conv',
    id: 'conv1',
    outChannels: 8,
    kernel: [5, 5],
    stride: [1, 1],
    pad: [2, 2, 2, 2],
    activation: 'relu',
  },
  { kind: 'pool', id: 'pool1', size: [2, 2], stride: [2, 2] },
  {
    kind: 'conv',
    id: 'conv2',
    outChannels: 16,
    kernel: [5, 5],
    stride: [1, 1],
    pad: [2, 2, 2, 2],
    activation: 'relu',
  },
  { kind: 'pool', id: 'pool2', size: [3, 3], stride: [3, 3] },
  { kind: 'flatten', id: 'flat' },
  { kind: 'dense', id: 'dense', units: 10, activation: 'none' },
];

import type { LayerSpec, Shape3 } from './layer-arithmetic';

/**
 * LeNet-5 (LeCun, Bottou, Bengio, Haffner 1998), the classic network whose sizes show where a CNN keeps
 * its weights and where it does its work, as plain layer specs for `stackStats`. This is the variant most
 * courses draw: every C3 map reads all six S2 maps (the paper wires 60 of the 96 map pairs), the
 * subsampling layers are plain 2×2 average pools (the paper gives each map a trained gain and bias), and
 * the output is a dense layer of 10 (the paper's output units are radial basis functions).
 */
export const LENET5_INPUT: Shape3 = [1, 32, 32];

export const LENET5_LAYERS: readonly { readonly name: string; readonly spec: LayerSpec }[] = [
  { name: 'C1', spec: { kind: 'conv', inChannels: 1, outChannels: 6, kernel: 5 } },
  { name: 'S2', spec: { kind: 'pool', op: 'avg', size: 2 } },
  { name: 'C3', spec: { kind: 'conv', inChannels: 6, outChannels: 16, kernel: 5 } },
  { name: 'S4', spec: { kind: 'pool', op: 'avg', size: 2 } },
  { name: 'C5', spec: { kind: 'conv', inChannels: 16, outChannels: 120, kernel: 5 } },
  { name: 'F6', spec: { kind: 'dense', outUnits: 84 } },
  { name: 'Output', spec: { kind: 'dense', outUnits: 10 } },
];

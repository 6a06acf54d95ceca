import { createRandom } from '../random';
import type { LayerSpec } from './layers';
import { Network } from './network';

/** A small conv net and batch maker shared by the two-thread tests: two twins must stay bit-identical. */
export const specs: LayerSpec[] = [
  {
    kind: 'conv',
    id: 'c1',
    outChannels: 4,
    kernel: [3, 3],
    stride: [1, 1],
    pad: [1, 1, 1, 1],
    activation: 'relu',
  },
  { kind: 'pool', id: 'p1', size: [2, 2], stride: [2, 2] },
  {
    kind: 'conv',
    id: 'c2',
    outChannels: 6,
    kernel: [3, 3],
    stride: [1, 1],
    pad: [1, 1, 1, 1],
    activation: 'relu',
  },
  { kind: 'pool', id: 'p2', size: [2, 2], stride: [2, 2] },
  { kind: 'flatten', id: 'f' },
  { kind: 'dense', id: 'd', units: 4, activation: 'none' },
];
export const shape = [1, 12, 12];
export const maxBatch = 7;
export const adam = { optimizer: 'adam', learningRate: 0.01, weightDecay: 1e-3 } as const;

export function twin(): Network {
  const net = new Network(shape, specs, maxBatch);
  net.initialize(createRandom(11), () => 'he');
  return net;
}

export function fillBatch(net: Network, step: number, labels: Uint8Array, batch: number): void {
  const random = createRandom(100 + step);
  for (let i = 0; i < batch * net.inputSize; i++) net.input[i] = random();
  for (let b = 0; b < batch; b++) labels[b] = Math.floor(random() * 4);
}

export function bits(net: Network): Buffer[] {
  return net.parameters().flatMap((p) => [Buffer.from(p.weights.buffer), Buffer.from(p.bias.buffer)]);
}

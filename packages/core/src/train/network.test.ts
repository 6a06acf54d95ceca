import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyActivation } from '../activations';
import { at } from '../at';
import { getKernels, setKernels } from '../backend/active-kernels';
import type { ComputeKernels } from '../backend/kernels';
import { referenceKernels } from '../backend/reference-kernels';
import { conv2d } from '../conv2d';
import { pool2d } from '../pool2d';
import { createRandom } from '../random';
import { ready } from '../ready';
import { Tensor } from '../tensor';
import { expectAllClose, seededTensor } from '../testing/gradient-check';
import type { LayerSpec } from './layers';
import { Network } from './network';

/** A small version of the digits net: conv pad 1 ReLU → max pool 2 → conv ReLU → pool 3/3 → dense. */
const specs: LayerSpec[] = [
  {
    kind: 'conv',
    id: 'c1',
    outChannels: 3,
    kernel: [3, 3],
    stride: [1, 1],
    pad: [1, 1, 1, 1],
    activation: 'relu',
  },
  { kind: 'pool', id: 'p1', size: [2, 2], stride: [2, 2] },
  {
    kind: 'conv',
    id: 'c2',
    outChannels: 4,
    kernel: [3, 3],
    stride: [1, 1],
    pad: [1, 1, 1, 1],
    activation: 'relu',
  },
  { kind: 'pool', id: 'p2', size: [3, 3], stride: [3, 3] },
  { kind: 'flatten', id: 'f' },
  { kind: 'dense', id: 'd', units: 5, activation: 'none' },
];
const inputShape = [2, 12, 12];
const batch = 3;

function seededNetwork(): Network {
  const net = new Network(inputShape, specs, batch);
  net.initialize(createRandom(5), (p) => (p.layerId === 'd' ? 'glorot' : 'he'));
  for (const p of net.parameters()) p.bias.set(seededTensor([p.bias.length], 9).data.map((v) => v * 0.1));
  net.input.set(seededTensor([batch, ...inputShape], 3).data);
  return net;
}

/** The same network composed from core's public, readable ops, one example at a time. */
function referenceLogits(net: Network, example: number): Float32Array {
  const size = inputShape.reduce((a, b) => a * b, 1);
  let x = new Tensor(inputShape, net.input.slice(example * size, (example + 1) * size));
  for (const layer of net.layers) {
    const p = layer.params;
    const spec = specs.find((s) => s.id === layer.id) as LayerSpec;
    if (spec.kind === 'conv' && p !== undefined) {
      const w = new Tensor(p.shape, p.weights);
      x = applyActivation(
        'relu',
        conv2d(x, w, { bias: Array.from(p.bias), padding: [...spec.pad] as never }),
      );
    } else if (spec.kind === 'pool') {
      x = pool2d(x, { kind: 'max', size: [...spec.size] as never, stride: [...spec.stride] as never });
    } else if (spec.kind === 'flatten') {
      x = x.reshape([x.size]);
    } else if (p !== undefined) {
      const [units, inputs] = p.shape as [number, number];
      const out = new Float32Array(units);
      for (let u = 0; u < units; u++) {
        let sum = at(p.bias, u);
        for (let i = 0; i < inputs; i++) sum += at(p.weights, u * inputs + i) * at(x.data, i);
        out[u] = sum;
      }
      x = new Tensor([units], out);
    }
  }
  return x.data;
}

function meanLoss(net: Network, labels: number[]): number {
  return net.evaluate(labels, batch).loss;
}

let wasm: ComputeKernels;
beforeAll(async () => {
  await ready();
  wasm = getKernels();
});
afterAll(() => setKernels(wasm));

describe.each([
  ['reference', () => referenceKernels],
  ['wasm', () => wasm],
])('Network on the %s kernels', (_name, kernels) => {
  beforeAll(() => setKernels(kernels()));

  it('ends in class scores with the shapes of a conv net', () => {
    const net = seededNetwork();
    expect(net.layers.map((l) => l.outShape)).toEqual([
      [3, 12, 12],
      [3, 6, 6],
      [4, 6, 6],
      [4, 2, 2],
      [16],
      [5],
    ]);
    expect(net.classes).toBe(5);
  });

  it("forward equals the same layers composed from core's public conv2d, pool2d and activations", () => {
    const net = seededNetwork();
    const logits = net.forward(batch).slice();
    for (let b = 0; b < batch; b++)
      expectAllClose(logits.subarray(b * 5, b * 5 + 5), referenceLogits(net, b), 1e-5);
  });

  it('every parameter gradient matches central finite differences of the mean loss', () => {
    const net = seededNetwork();
    const labels = [1, 4, 0];
    net.computeGradients(labels, batch);
    for (const p of net.parameters()) {
      const analytic = [...p.gradWeights, ...p.gradBias];
      const arrays = [p.weights, p.bias];
      let k = 0;
      for (const array of arrays) {
        for (let i = 0; i < array.length; i++, k++) {
          if (k % 3 !== 0) continue; // a third of the entries keeps the test quick; all kinds are covered
          const value = at(array, i);
          const eps = 1e-3;
          array[i] = value + eps;
          const plus = meanLoss(net, labels);
          array[i] = value - eps;
          const minus = meanLoss(net, labels);
          array[i] = value;
          const numeric = (plus - minus) / (2 * eps);
          const got = at(analytic, k);
          if (Math.abs(got - numeric) > 2e-3 + 0.02 * Math.abs(numeric)) {
            expect.fail(`${p.layerId} entry ${k}: analytic ${got}, numeric ${numeric}`);
          }
        }
      }
    }
  });

  it('training steps lower the loss of a fixed batch', () => {
    const net = seededNetwork();
    const labels = [1, 4, 0];
    const before = meanLoss(net, labels);
    for (let s = 0; s < 30; s++) net.trainStep(labels, batch, { optimizer: 'adam', learningRate: 0.01 });
    expect(meanLoss(net, labels)).toBeLessThan(before * 0.2);
  });
});

describe('Network errors', () => {
  it('refuses a network that does not end in class scores, and batches beyond its buffers', () => {
    expect(() => new Network([1, 8, 8], [specs[0] as LayerSpec], 2)).toThrow(/must end in class scores/);
    const net = new Network(
      [1, 4, 4],
      [
        { kind: 'flatten', id: 'f' },
        { kind: 'dense', id: 'd', units: 2, activation: 'none' },
      ],
      2,
    );
    expect(() => net.forward(3)).toThrow(/batch 3 must be an integer from 1 to 2/);
  });

  it('names the layer whose window does not fit', () => {
    expect(
      () =>
        new Network(
          [1, 2, 2],
          [
            { kind: 'pool', id: 'big', size: [3, 3], stride: [3, 3] },
            { kind: 'flatten', id: 'f' },
          ],
          1,
        ),
    ).toThrow(/pool "big"/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getKernels, setKernels } from '../backend/active-kernels';
import type { ComputeKernels } from '../backend/kernels';
import { referenceKernels } from '../backend/reference-kernels';
import { createRandom } from '../random';
import { ready } from '../ready';
import { DenseLayer } from './dense-layer';
import { DIGITS_CNN_LAYERS } from './digits-cnn';
import { Network, type NetworkOptions } from './network';
import type { OptimizerOptions } from './optimizers';

// A training step after the first allocates no buffer: no typed array or ArrayBuffer is constructed, no
// block is taken from the WASM heap and the WASM memory does not grow. The counters wrap the global
// constructors and the heap itself, so the check also holds for code written later.

const BATCH = 20;
const CONSTRUCTORS = [
  'ArrayBuffer',
  'Float32Array',
  'Float64Array',
  'Int32Array',
  'Uint8Array',
  'Uint32Array',
] as const;

const typedArrayPrototype = Object.getPrototypeOf(Int8Array.prototype) as Record<string, unknown>;
const COPYING_METHODS: [Record<string, unknown>, string][] = [
  [typedArrayPrototype, 'slice'],
  [typedArrayPrototype, 'map'],
  [typedArrayPrototype, 'filter'],
  [ArrayBuffer.prototype as unknown as Record<string, unknown>, 'slice'],
];

interface Counts {
  buffers: number;
  heapBlocks: number;
  growths: number;
}

/** Runs `work` with every buffer constructor and the WASM heap counted; restores them after. */
function counting(work: () => void): Counts {
  const native = getKernels().native;
  if (native === undefined) throw new Error('this test needs the WASM kernels');
  const counts: Counts = { buffers: 0, heapBlocks: 0, growths: 0 };
  const global = globalThis as unknown as Record<string, unknown>;
  const originals = CONSTRUCTORS.map((name) => global[name] as new (...args: unknown[]) => object);
  const heap = native.heap;
  const allocate = heap.allocate;
  const growthsBefore = heap.stats().growths;
  for (const [i, name] of CONSTRUCTORS.entries()) {
    global[name] = new Proxy(originals[i] as object, {
      construct(target, args, newTarget) {
        counts.buffers++;
        return Reflect.construct(target as never, args, newTarget);
      },
    });
  }
  // Methods that make a new buffer without naming a constructor (species creation) are counted too.
  const copying = COPYING_METHODS.map(([proto, name]) => [proto, name, proto[name]] as const);
  for (const [proto, name, method] of copying) {
    proto[name] = function (this: unknown, ...args: unknown[]) {
      counts.buffers++;
      return (method as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
  heap.allocate = (count: number) => {
    counts.heapBlocks++;
    return allocate.call(heap, count);
  };
  try {
    work();
  } finally {
    for (const [i, name] of CONSTRUCTORS.entries()) global[name] = originals[i];
    for (const [proto, name, method] of copying) proto[name] = method;
    heap.allocate = allocate;
  }
  counts.growths = heap.stats().growths - growthsBefore;
  return counts;
}

function trainedNetwork(options: NetworkOptions): {
  net: Network;
  step: (batch: number, optimizer: OptimizerOptions) => void;
} {
  // The digits network at its real sizes.
  const net = new Network([1, 28, 28], DIGITS_CNN_LAYERS, BATCH, options);
  net.initialize(createRandom(3), (p) => (p.layerId === 'dense' ? 'glorot' : 'he'));
  const random = createRandom(4);
  for (let k = 0; k < net.input.length; k++) net.input[k] = random();
  const labels = Uint8Array.from({ length: BATCH }, (_, k) => k % 10);
  return { net, step: (batch, optimizer) => net.trainStep(labels, batch, optimizer) };
}

let wasm: ComputeKernels;
beforeAll(async () => {
  await ready();
  wasm = getKernels();
});
afterAll(() => setKernels(wasm));

describe('a training step on the WASM kernels', () => {
  it('allocates nothing after the first: forward, backward and every optimizer', () => {
    const { net, step } = trainedNetwork({});
    const optimizers: OptimizerOptions[] = [
      { optimizer: 'adam', learningRate: 1e-3, weightDecay: 1e-4 },
      { optimizer: 'momentum', learningRate: 1e-3 },
      { optimizer: 'sgd', learningRate: 1e-3 },
    ];
    // The first pass of each batch size (a full batch, an epoch's last, smaller one, and a whole-batch
    // forward as evaluation runs it) may allocate.
    for (const optimizer of optimizers) {
      step(BATCH, optimizer);
      step(7, optimizer);
    }
    net.forward(BATCH);
    const counts = counting(() => {
      for (let i = 0; i < 10; i++) {
        for (const optimizer of optimizers) {
          step(BATCH, optimizer);
          step(7, optimizer);
          net.forward(BATCH);
        }
      }
    });
    expect(counts).toEqual({ buffers: 0, heapBlocks: 0, growths: 0 });
    net.dispose();
  });

  it('the counters do see allocations: the direct per-example conv takes scratch blocks every call', () => {
    const { net, step } = trainedNetwork({ convAlgorithm: 'direct' });
    step(BATCH, { optimizer: 'sgd', learningRate: 1e-3 });
    const counts = counting(() => step(BATCH, { optimizer: 'sgd', learningRate: 1e-3 }));
    expect(counts.heapBlocks).toBeGreaterThan(0);
    expect(counting(() => new Float32Array(1)).buffers).toBe(1);
    expect(counting(() => Float32Array.of(1, 2).slice()).buffers).toBe(2);
    net.dispose();
  });

  it('gives its WASM blocks back on dispose, and takes them again when used after', () => {
    const native = getKernels().native;
    const before = native?.heap.stats().liveBlocks ?? 0;
    const { net, step } = trainedNetwork({});
    step(BATCH, { optimizer: 'sgd', learningRate: 1e-3 });
    expect(native?.heap.stats().liveBlocks).toBeGreaterThan(before);
    const loss = net.evaluate(
      Uint8Array.from({ length: BATCH }, (_, k) => k % 10),
      BATCH,
    ).loss;
    net.dispose();
    expect(native?.heap.stats().liveBlocks).toBe(before);
    expect(
      net.evaluate(
        Uint8Array.from({ length: BATCH }, (_, k) => k % 10),
        BATCH,
      ).loss,
    ).toBe(loss);
    net.dispose();
  });
});

describe('layer blocks on the WASM kernels', () => {
  it('grow to a batch larger than the layer was built for, instead of writing past them', () => {
    const spec = { kind: 'dense', id: 'd', units: 5, activation: 'relu' } as const;
    const random = createRandom(9);
    const batch = 6;
    const x = Float32Array.from({ length: batch * 7 }, () => random() - 0.5);
    const run = (kernels: ComputeKernels): Float32Array => {
      setKernels(kernels);
      const layer = new DenseLayer(spec, [7]); // built for one example
      const r = createRandom(10);
      for (let k = 0; k < layer.params.weights.length; k++) layer.params.weights[k] = r() - 0.5;
      const out = new Float32Array(batch * 5);
      layer.forward(x, out, batch);
      layer.dispose();
      return out;
    };
    const expected = run(referenceKernels);
    const actual = run(wasm);
    for (let k = 0; k < expected.length; k++) expect(actual[k]).toBeCloseTo(expected[k] as number, 6);
  });
});

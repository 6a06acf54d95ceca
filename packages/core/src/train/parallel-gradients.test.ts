import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../at';
import { getKernels, setKernels } from '../backend/active-kernels';
import type { ComputeKernels } from '../backend/kernels';
import { referenceKernels } from '../backend/reference-kernels';
import { createNodeTrainPool } from '../parallel/node-worker-pool';
import type { WorkerPool } from '../parallel/worker-pool';
import { createRandom } from '../random';
import { ready } from '../ready';
import type { LayerSpec } from './layers';
import { Network } from './network';
import { type GradientHelper, parallelTrainStep, runShardJob, type ShardJob } from './parallel-gradients';
import { gradientShards } from './shards';

const specs: LayerSpec[] = [
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
const shape = [1, 12, 12];
const maxBatch = 7;
const adam = { optimizer: 'adam', learningRate: 0.01, weightDecay: 1e-3 } as const;

function twin(): Network {
  const net = new Network(shape, specs, maxBatch);
  net.initialize(createRandom(11), () => 'he');
  return net;
}

function fillBatch(net: Network, step: number, labels: Uint8Array, batch: number): void {
  const random = createRandom(100 + step);
  for (let i = 0; i < batch * net.inputSize; i++) net.input[i] = random();
  for (let b = 0; b < batch; b++) labels[b] = Math.floor(random() * 4);
}

/** The helper's side on this thread, with the structured clone a worker's message would make. */
const inProcess: GradientHelper = {
  run: async (job) => runShardJob(structuredClone(job) as ShardJob).result,
};

function bits(net: Network): Buffer[] {
  return net.parameters().flatMap((p) => [Buffer.from(p.weights.buffer), Buffer.from(p.bias.buffer)]);
}

async function trainBoth(helper: GradientHelper, batches: number[]): Promise<[Network, Network]> {
  const one = twin();
  const two = twin();
  const labels = new Uint8Array(maxBatch);
  for (const [step, batch] of batches.entries()) {
    fillBatch(one, step, labels, batch);
    two.input.set(one.input);
    const a = one.trainStep(labels, batch, adam);
    const b = await parallelTrainStep(two, helper, labels, batch, adam);
    expect(b.loss).toBe(a.loss);
    expect(b.correct).toBe(a.correct);
  }
  return [one, two];
}

let wasm: ComputeKernels;
beforeAll(async () => {
  await ready();
  wasm = getKernels();
});
afterAll(() => setKernels(wasm));

describe('gradientShards', () => {
  it('cuts a batch into its first half (rounded up) and the rest, whatever the thread count', () => {
    expect(gradientShards(20)).toEqual([
      { from: 0, count: 10 },
      { from: 10, count: 10 },
    ]);
    expect(gradientShards(7)).toEqual([
      { from: 0, count: 4 },
      { from: 4, count: 3 },
    ]);
    expect(gradientShards(1)).toEqual([{ from: 0, count: 1 }]);
  });
});

describe.each([
  ['reference', () => referenceKernels],
  ['wasm', () => wasm],
])('parallelTrainStep on the %s kernels', (_name, kernels) => {
  beforeAll(() => setKernels(kernels()));

  it('gives bit-for-bit the weights of one thread, over steps of even, odd and single-example batches', async () => {
    const [one, two] = await trainBoth(inProcess, [7, 6, 1, 5, 7, 2]);
    expect(bits(two)).toEqual(bits(one));
    expect(two.step).toBe(one.step);
  });

  it('fuzz: any sequence of batch sizes, and a NaN input, leave both nets equal', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: maxBatch }), { minLength: 1, maxLength: 4 }),
        fc.option(fc.integer({ min: 0, max: maxBatch * 144 - 1 }), { nil: undefined }),
        async (batches, poisoned) => {
          const one = twin();
          const two = twin();
          const labels = new Uint8Array(maxBatch);
          for (const [step, batch] of batches.entries()) {
            fillBatch(one, step, labels, batch);
            if (poisoned !== undefined && step === 0) one.input[poisoned % (batch * 144)] = Number.NaN;
            two.input.set(one.input);
            const a = one.trainStep(labels, batch, adam);
            const b = await parallelTrainStep(two, inProcess, labels, batch, adam);
            expect(Object.is(a.loss, b.loss)).toBe(true);
          }
          expect(bits(two)).toEqual(bits(one));
          expect(two.step).toBe(one.step);
        },
      ),
      { numRuns: Math.max(15, Math.round(Number(process.env.FUZZ_RUNS ?? 150) / 10)) },
    );
  });

  it('sums shards: the sharded gradient equals the whole-batch gradient of a plain sum (to rounding)', () => {
    const net = twin();
    const labels = new Uint8Array(maxBatch);
    fillBatch(net, 0, labels, 6);
    net.computeGradients(labels, 6);
    const sharded = net.parameters().map((p) => p.gradWeights.slice());
    // The same mean gradient as the average of six single-example gradients, each a batch of its own.
    const sum = net.parameters().map((p) => new Float64Array(p.gradWeights.length));
    const input = net.input.slice();
    for (let b = 0; b < 6; b++) {
      net.input.set(input.subarray(b * net.inputSize, (b + 1) * net.inputSize));
      net.computeGradients(labels.subarray(b, b + 1), 1);
      for (const [i, p] of net.parameters().entries()) {
        const s = sum[i] as Float64Array;
        for (let j = 0; j < s.length; j++) s[j] = at(s, j) + at(p.gradWeights, j) / 6;
      }
    }
    for (const [i, g] of sharded.entries()) {
      const s = sum[i] as Float64Array;
      for (let j = 0; j < g.length; j++) expect(g[j]).toBeCloseTo(at(s, j), 5);
    }
  });
});

describe('parallelTrainStep with a real worker thread', () => {
  let pool: WorkerPool;
  beforeAll(() => {
    setKernels(wasm);
    pool = createNodeTrainPool();
  });
  afterAll(() => pool.close());

  it('matches one thread bit for bit (the worker has its own WASM instance)', async () => {
    const [one, two] = await trainBoth(pool, [7, 7, 4, 3]);
    expect(bits(two)).toEqual(bits(one));
  }, 60_000);
});

import { type ParallelConv, ready, Tensor, type WorkerPool } from '@convbook/core';
import { createNodeTrainPool } from '@convbook/core/node';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../cell-value';
import { decodeWeights, roundToHalf } from '../../document/weight-encoding';
import { weightsCell } from '../weights-cell';
import { trainedWeightPatches } from './apply-weights';
import { trainCell } from './train-cell';
import { barsCells, barsDataset, barsValues, computeCell } from './train-fixture.test-helper';
import type { TrainValue } from './train-value';

const quick = { optimizer: 'adam', learningRate: 0.01, epochs: 6, batchSize: 10, seed: 3 };

async function train(
  params: Record<string, unknown>,
  extra: Parameters<typeof computeCell>[4] = {},
  units = 2,
) {
  const cells = barsCells(params, units);
  const values = await barsValues(cells, barsDataset());
  const value = await computeCell(trainCell, cells, values, 'train', extra);
  if (value.type !== 'train') throw new Error('not a train value');
  return { value, cells, values };
}

describe('train cell', () => {
  it('learns the bars task end to end and reports what its view needs', async () => {
    const { value } = await train(quick);
    expect(value.status).toBe('done');
    expect(value.testAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(value.steps).toBe(120);
    expect(value.examplesSeen).toBe(1200);
    expect(value.lossCurve.length).toBeGreaterThan(10);
    expect((value.lossCurve.at(-1)?.loss as number) < (value.lossCurve[0]?.loss as number)).toBe(true);
    expect(value.accuracyCurve.length).toBeGreaterThan(3);
    // confusion rows are the true class and add up to the test split
    expect(value.confusion.flat().reduce((a, b) => a + b, 0)).toBe(100);
    expect(value.confusion.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([50, 50]);
    expect(value.weights.map((w) => [w.cellId, w.shape])).toEqual([
      ['k', [4, 1, 3, 3]],
      ['wd', [2, 64]],
    ]);
    expect(value.layers.map((l) => [l.kind, l.weights, l.connections])).toEqual([
      ['conv', 40, 4 * 64 * 9],
      ['pool', 0, 0],
      ['flatten', 0, 0],
      ['dense', 130, 128],
    ]);
  });

  it('gives the same numbers for the same seed, and other numbers for another seed', async () => {
    const a = (await train(quick)).value;
    const b = (await train(quick)).value;
    const c = (await train({ ...quick, seed: 4 })).value;
    expect(b.lossCurve).toEqual(a.lossCurve);
    expect(b.weights[1]?.weights).toEqual(a.weights[1]?.weights);
    expect(c.lossCurve).not.toEqual(a.lossCurve);
  });

  it('trains on two threads (a worker thread, shared memory) to the same numbers as on one', async () => {
    await ready(); // the worker computes with the WASM kernels; so must this thread
    const pool: WorkerPool = createNodeTrainPool();
    try {
      // The worker thread takes a few hundred ms to load its script and WASM kernels, longer than this
      // small run lasts; a first run starts it, and the measured run begins once it has served that one.
      const jobs: Promise<unknown>[] = [];
      const watched: WorkerPool = { ...pool, run: (job, transfer) => track(jobs, pool.run(job, transfer)) };
      const parallel = { gradientHelper: () => watched } as unknown as ParallelConv;
      await train(quick, { parallel });
      await Promise.allSettled(jobs);
      const one = (await train(quick)).value;
      const two = (await train({ ...quick, epochs: 60 }, { parallel })).value;
      const long = (await train({ ...quick, epochs: 60 })).value;
      expect(one.threads.mode).toBe('one-thread');
      expect(two.threads.mode).toBe('shared-memory');
      expect(two.threads.steps).toBe(two.steps);
      // The worker needs a moment to load; from then on it computes second halves.
      expect(two.threads.helpedSteps).toBeGreaterThan(0);
      expect(two.lossCurve).toEqual(long.lossCurve);
      expect(two.weights.map((w) => w.weights)).toEqual(long.weights.map((w) => w.weights));
      expect(two.testAccuracy).toBe(long.testAccuracy);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('stores weights already rounded to float16, so Apply changes nothing and the accuracy survives', async () => {
    const { value, cells, values } = await train(quick);
    const patches = trainedWeightPatches(value);
    expect(patches.map((p) => p.cellId)).toEqual(['k', 'wd']);
    for (const patch of patches) {
      const learned = value.weights.find((w) => w.cellId === patch.cellId);
      expect(decodeWeights(patch.params.data, learned?.weights.length ?? 0)).toEqual(learned?.weights);
      const cell = cells.find((c) => c.id === patch.cellId);
      if (cell === undefined) throw new Error('no cell');
      (cell as { params: unknown }).params = { ...cell.params, ...patch.params };
      const parsed = weightsCell.parseParams(cell.params, 'params');
      if ('problems' in parsed) throw new Error('bad params');
      values[cell.id] = await weightsCell.compute({}, parsed.params, {} as never);
    }
    const trainSpec = cells.find((c) => c.id === 'train');
    (trainSpec as { params: unknown }).params = { ...quick, epochs: 0 };
    const scored = (await computeCell(trainCell, cells, values, 'train')) as TrainValue;
    expect(scored.steps).toBe(0);
    expect(scored.testAccuracy).toBe(value.testAccuracy);
  });

  it('Resume continues a stopped run from its step and its weights', async () => {
    const partial = await train(quick);
    expect(partial.value.status).toBe('done');
    const stopped = { ...partial.value, status: 'stopped', steps: 60, plannedSteps: 120 } as TrainValue;
    const resumed = await computeCell(trainCell, partial.cells, partial.values, 'train', {
      previous: stopped as CellValue,
    });
    expect((resumed as TrainValue).steps).toBe(120);
    expect((resumed as TrainValue).examplesSeen).toBe(1200 + 600);
  });

  it('Stop (an aborted signal) returns the weights so far with status stopped', async () => {
    const controller = new AbortController();
    controller.abort();
    const { value } = await train(quick, { signal: controller.signal });
    expect(value.status).toBe('stopped');
    expect(value.message).toMatch(/stopped at step 0 of 120/);
    expect(value.weights).toHaveLength(2);
  });

  it('stops on divergence, naming the step and the loss, and keeps finite weights', async () => {
    const { value } = await train({
      ...quick,
      optimizer: 'sgd',
      learningRate: 10,
      weightDecay: 1,
      schedule: 'constant',
    });
    expect(value.status).toBe('diverged');
    expect(value.message).toMatch(
      /diverged at step \d+: the loss became (NaN|Infinity).*smaller learning rate than 10/,
    );
    for (const w of value.weights) expect(w.weights.every(Number.isFinite)).toBe(true);
  });

  it('trains only weights cells: a kernel cell (here a preset) stays frozen, and flip is undone on the way out', async () => {
    const cells = barsCells(quick).map((c) =>
      c.id === 'conv' ? { ...c, params: { ...c.params, flip: true } } : c,
    );
    const values = await barsValues(cells, barsDataset());
    const scoreOnly = cells.map((c) => (c.id === 'train' ? { ...c, params: { ...quick, epochs: 0 } } : c));
    const unchanged = (await computeCell(trainCell, scoreOnly, values, 'train')) as TrainValue;
    const original = (values.k as { weights: Tensor }).weights.data.slice();
    roundToHalf(original);
    // The network holds the kernels turned 180°; what comes back is in the cell's own layout again.
    expect(unchanged.weights[0]?.weights).toEqual(original);
    const frozen = cells.map((c) =>
      c.id === 'k' ? { id: 'k', kind: 'kernel', params: { preset: 'sobel-x' } } : c,
    );
    values.k = {
      type: 'kernel',
      weights: new Tensor([1, 1, 3, 3], Float32Array.of(-1, 0, 1, -2, 0, 2, -1, 0, 1)),
      bias: new Float32Array(1),
    };
    const wd = frozen.find((c) => c.id === 'wd');
    (wd as { params: unknown }).params = { shape: [2, 16], init: 'glorot', seed: 2 };
    values.wd = await weightsCell.compute({}, { shape: [2, 16], init: 'glorot', seed: 2 }, {} as never);
    const value = (await computeCell(trainCell, frozen, values, 'train')) as TrainValue;
    expect(value.weights.map((w) => w.cellId)).toEqual(['wd']);
    expect(value.layers[0]).toMatchObject({ kind: 'conv', weights: 10 });
  });

  it('names the field when the loss scores another number of classes than the dataset has', async () => {
    await expect(train(quick, {}, 3)).rejects.toThrow(
      /loss: the network scores 3 classes but the dataset has 2 labels/,
    );
  });

  it('refuses a network whose batch of activations would not fit in memory, before allocating it', async () => {
    const cells = barsCells(quick).map((c) =>
      c.id === 'k' ? { ...c, params: { shape: [256, 1, 3, 3] } } : c,
    );
    const values = await barsValues(cells, barsDataset());
    const wide = cells.map((c) =>
      c.id === 'conv' ? { ...c, params: { padding: 64, activation: 'relu' } } : c,
    );
    await expect(computeCell(trainCell, wide, values, 'train')).rejects.toThrow(
      /batchSize: training this network keeps at least \d+ MB of activations and gradients for 100 examples, over the limit of 256 MB/,
    );
  });

  it('refuses a mean-squared-error loss and an average pool with the cell and field', async () => {
    const cells = barsCells(quick);
    const values = await barsValues(cells, barsDataset());
    const mse = cells.map((c) => (c.id === 'loss' ? { ...c, params: { loss: 'mse' } } : c));
    await expect(computeCell(trainCell, mse, values, 'train')).rejects.toThrow(/loss: "loss" uses mse/);
    const avg = cells.map((c) => (c.id === 'pool' ? { ...c, params: { kind: 'avg', size: 2 } } : c));
    await expect(computeCell(trainCell, avg, values, 'train')).rejects.toThrow(
      /"pool".kind: training supports max pooling/,
    );
  });
});

function track(jobs: Promise<unknown>[], job: Promise<unknown>): Promise<unknown> {
  jobs.push(job);
  return job;
}

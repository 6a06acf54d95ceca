import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getKernels, setKernels } from '../backend/active-kernels';
import type { ComputeKernels } from '../backend/kernels';
import { referenceKernels } from '../backend/reference-kernels';
import { createNodeTrainPool } from '../parallel/node-worker-pool';
import type { WorkerPool } from '../parallel/worker-pool';
import { ready } from '../ready';
import type { GradientHelper } from './parallel-gradients';
import { openParallelTrainer, type TrainerOptions } from './parallel-trainer';
import { State, Word } from './shared-step';
import { adam, bits, fillBatch, maxBatch, twin } from './two-nets.test-helper';

/** Trains one net alone and its twin through a trainer; every step must agree exactly. */
async function trainBoth(helper: GradientHelper, batches: number[], options?: TrainerOptions) {
  const one = twin();
  const two = twin();
  const trainer = openParallelTrainer(two, helper, options);
  const labels = new Uint8Array(maxBatch);
  try {
    for (const [step, batch] of batches.entries()) {
      fillBatch(one, step, labels, batch);
      two.input.set(one.input);
      const a = one.trainStep(labels, batch, adam);
      const b = await trainer.step(labels, batch, adam);
      expect(Object.is(b.loss, a.loss)).toBe(true);
      expect(b.correct).toBe(a.correct);
    }
  } finally {
    trainer.close();
  }
  expect(bits(two)).toEqual(bits(one));
  expect(two.step).toBe(one.step);
  return trainer;
}

beforeAll(() => ready());

describe('openParallelTrainer with a real worker thread', () => {
  let pool: WorkerPool;
  beforeAll(async () => {
    pool = createNodeTrainPool();
    // A worker takes a moment to load; until it does, this thread computes every shard itself.
    await trainBoth(pool, [7], { shareMemory: false });
  });
  afterAll(() => pool.close());

  it('over shared memory: bit-for-bit one thread, and the worker computes second halves', async () => {
    const batches = Array.from({ length: 300 }, (_, i) => [7, 6, 5, 2, 7][i % 5] as number);
    const trainer = await trainBoth(pool, batches);
    expect(trainer.mode).toBe('shared-memory');
    expect(trainer.steps).toBe(300);
    expect(trainer.helpedSteps).toBeGreaterThan(0);
  }, 60_000);

  it('by messages (a page without cross-origin isolation): the same weights', async () => {
    const trainer = await trainBoth(pool, [7, 7, 4, 3, 1, 6], { shareMemory: false });
    expect(trainer.mode).toBe('messages');
  }, 60_000);

  it('a second run after the first closed gets the worker back', async () => {
    const trainer = await trainBoth(
      pool,
      Array.from({ length: 200 }, () => 7),
    );
    expect(trainer.helpedSteps).toBeGreaterThan(0);
  }, 60_000);
});

describe('openParallelTrainer when the helper fails it', () => {
  it('a helper that never comes: every shard is computed here, same weights', async () => {
    const never: GradientHelper = { run: () => new Promise(() => {}) };
    const trainer = await trainBoth(never, [7, 3, 6, 1]);
    expect(trainer.helpedSteps).toBe(0);
  });

  it('a helper that claims a shard and hangs: after the patience, computed here, same weights', async () => {
    let hung = false;
    const hangs: GradientHelper = {
      run: async (job) => {
        const { buffer } = job as { buffer: SharedArrayBuffer };
        const control = new Int32Array(buffer, 0, 8);
        if (hung) return;
        hung = Atomics.compareExchange(control, Word.State, State.Posted, State.Claimed) === State.Posted;
      },
    };
    const started = Date.now();
    const trainer = await trainBoth(hangs, [7, 5, 7], { patienceMs: 150 });
    expect(hung).toBe(true);
    expect(trainer.helpedSteps).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('a helper that rejects (its worker crashed): training goes on here', async () => {
    const crashed: GradientHelper = { run: () => Promise.reject(new Error('worker crashed')) };
    await trainBoth(crashed, [7, 7]);
  });
});

describe('openParallelTrainer when this thread has other kernels than the worker', () => {
  let pool: WorkerPool;
  let wasm: ComputeKernels;
  beforeAll(() => {
    pool = createNodeTrainPool();
    wasm = getKernels();
    setKernels(referenceKernels);
  });
  afterAll(async () => {
    setKernels(wasm);
    await pool.close();
  });

  it('the worker declines (WASM and reference may round an ulp apart): computed here, same weights', async () => {
    const batches = Array.from({ length: 40 }, () => 7);
    const trainer = await trainBoth(pool, batches);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the worker has loaded and seen the job
    const again = await trainBoth(pool, batches);
    expect(trainer.helpedSteps + again.helpedSteps).toBe(0);
  }, 60_000);
});

describe('ParallelTrainer.correctCount', () => {
  let pool: WorkerPool;
  beforeAll(() => {
    pool = createNodeTrainPool();
  });
  afterAll(() => pool.close());

  it.each([
    ['shared memory', true],
    ['messages', false],
  ])(
    'by %s: the count one thread finds, batch after batch',
    async (_name, shareMemory) => {
      const one = twin();
      const two = twin();
      const trainer = openParallelTrainer(two, pool, { shareMemory });
      const labels = new Uint8Array(maxBatch);
      let scored = 0;
      try {
        for (let step = 0; step < 400; step++) {
          const batch = (step % maxBatch) + 1;
          fillBatch(one, step, labels, batch);
          two.input.set(one.input);
          const expected = one.evaluate(labels, batch).correct;
          expect(trainer.correctCount(labels, batch)).toBe(expected);
          scored += expected;
          if (step % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 5)); // the worker arrives
        }
      } finally {
        trainer.close();
      }
      expect(scored).toBeGreaterThan(0);
    },
    60_000,
  );
});

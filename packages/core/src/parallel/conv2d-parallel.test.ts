import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Padding, PaddingMode } from '../conv-options';
import { type Conv2dOptions, conv2d } from '../conv2d';
import { ready } from '../ready';
import { randomTensor } from '../testing/random-tensor';
import { conv2dParallel, splitKernels } from './conv2d-parallel';
import { createNodeWorkerPool } from './node-worker-pool';
import type { WorkerPool } from './worker-pool';

// Real worker threads (two of them), each with its own WASM instance, against conv2d on this thread.

let pool: WorkerPool;
beforeAll(async () => {
  await ready();
  pool = createNodeWorkerPool(2);
});
afterAll(() => pool.close());

describe('splitKernels', () => {
  it('cuts in multiples of four when there are enough kernels, else evenly', () => {
    expect(splitKernels(32, 2)).toEqual([
      { start: 0, end: 16 },
      { start: 16, end: 32 },
    ]);
    expect(splitKernels(18, 2)).toEqual([
      { start: 0, end: 12 },
      { start: 12, end: 18 },
    ]);
    expect(splitKernels(5, 2)).toEqual([
      { start: 0, end: 3 },
      { start: 3, end: 5 },
    ]);
  });
});

describe('conv2dParallel', () => {
  it('gives bit-for-bit the one-thread result for every option', async () => {
    const options = fc.record({
      kernels: fc.integer({ min: 1, max: 11 }),
      stride: fc.integer({ min: 1, max: 2 }),
      dilation: fc.integer({ min: 1, max: 2 }),
      padding: fc.constantFrom<Padding>('valid', 'same', 2),
      paddingMode: fc.constantFrom<PaddingMode>('zeros', 'reflect', 'replicate', 'circular'),
      flip: fc.boolean(),
      withBias: fc.boolean(),
      seed: fc.integer(),
    });
    await fc.assert(
      fc.asyncProperty(options, async ({ kernels, withBias, seed, ...rest }) => {
        const x = randomTensor([3, 17, 23], seed);
        const w = randomTensor([kernels, 3, 3, 2], seed + 1);
        const conv: Conv2dOptions = {
          ...rest,
          bias: withBias ? Array.from({ length: kernels }, (_, i) => i / 7) : undefined,
        };
        const parallel = await conv2dParallel(x, w, conv, pool);
        const single = conv2d(x, w, conv);
        expect(parallel.shape).toEqual(single.shape);
        expect(Buffer.from(parallel.data.buffer).equals(Buffer.from(single.data.buffer))).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('splits a realistic layer and matches one thread exactly', async () => {
    const x = randomTensor([16, 64, 64], 3);
    const w = randomTensor([32, 16, 3, 3], 4);
    const parallel = await conv2dParallel(x, w, { padding: 'same' }, pool);
    expect([...parallel.data]).toEqual([...conv2d(x, w, { padding: 'same' }).data]);
  });

  it('sends each worker a band of rows under zero padding, and a run of kernels under reflect', async () => {
    const jobs: { x: { shape: readonly number[] }; w: { shape: readonly number[] } }[] = [];
    const recording: WorkerPool = {
      size: 2,
      run: (job, transfer) => {
        jobs.push(job as (typeof jobs)[number]);
        return pool.run(job, transfer);
      },
      close: () => Promise.resolve(),
    };
    const x = randomTensor([2, 20, 9], 5);
    const w = randomTensor([6, 2, 3, 3], 6);
    for (const paddingMode of ['zeros', 'reflect'] as const) {
      jobs.length = 0;
      const parallel = await conv2dParallel(x, w, { padding: 'same', paddingMode }, recording);
      expect([...parallel.data]).toEqual([...conv2d(x, w, { padding: 'same', paddingMode }).data]);
      const shapes = jobs.map((job) => [job.x.shape, job.w.shape]);
      expect(shapes).toEqual(
        paddingMode === 'zeros'
          ? [
              [
                [2, 11, 9],
                [6, 2, 3, 3],
              ], // output rows 0–9 read input rows 0–10
              [
                [2, 11, 9],
                [6, 2, 3, 3],
              ], // output rows 10–19 read input rows 9–19
            ]
          : [
              [
                [2, 20, 9],
                [3, 2, 3, 3],
              ],
              [
                [2, 20, 9],
                [3, 2, 3, 3],
              ],
            ],
      );
    }
  });

  it('falls back to splitting kernels when a band of rows would be all padding', async () => {
    const x = randomTensor([1, 1, 6], 7);
    const w = randomTensor([2, 1, 1, 1], 8);
    const parallel = await conv2dParallel(x, w, { padding: 5 }, pool);
    expect([...parallel.data]).toEqual([...conv2d(x, w, { padding: 5 }).data]);
  });

  it('throws the same ShapeError as conv2d, from inside the workers', async () => {
    const x = randomTensor([3, 4, 4], 1);
    const w = randomTensor([4, 3, 5, 5], 2);
    const expected = (() => {
      try {
        conv2d(x, w);
      } catch (error) {
        return error as Error;
      }
      throw new Error('conv2d should have failed');
    })();
    await expect(conv2dParallel(x, w, {}, pool)).rejects.toThrow(expected.message);
    await expect(conv2dParallel(x, w, {}, pool)).rejects.toHaveProperty('name', 'ShapeError');
  });

  it('stops at once when its signal aborts mid-conv, and the pool then computes the next conv right', async () => {
    // About 3 billion multiply-adds: hundreds of milliseconds per band even on a quiet machine.
    const x = randomTensor([32, 256, 256], 9);
    const w = randomTensor([64, 32, 5, 5], 10);
    const edit = new AbortController();
    const stale = conv2dParallel(x, w, { padding: 'same' }, pool, edit.signal);
    await new Promise((wait) => setTimeout(wait, 30));
    const abortedAt = performance.now();
    edit.abort();
    await expect(stale).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - abortedAt).toBeLessThan(200);
    const nx = randomTensor([16, 64, 64], 3);
    const nw = randomTensor([32, 16, 3, 3], 4);
    const next = await conv2dParallel(nx, nw, { padding: 'same' }, pool, new AbortController().signal);
    expect(
      Buffer.from(next.data.buffer).equals(Buffer.from(conv2d(nx, nw, { padding: 'same' }).data.buffer)),
    ).toBe(true);
  });

  it('sends nothing when its signal has already aborted', async () => {
    let sent = 0;
    const counting: WorkerPool = {
      size: 2,
      run: (job, transfer, signal) => {
        sent++;
        return pool.run(job, transfer, signal);
      },
      close: () => Promise.resolve(),
    };
    const stale = new AbortController();
    stale.abort();
    const x = randomTensor([2, 20, 9], 5);
    const w = randomTensor([6, 2, 3, 3], 6);
    for (const paddingMode of ['zeros', 'reflect'] as const)
      await expect(conv2dParallel(x, w, { paddingMode }, counting, stale.signal)).rejects.toMatchObject({
        name: 'AbortError',
      });
    expect(sent).toBe(0);
  });

  it('rejects a bias of the wrong length before posting any work', async () => {
    const x = randomTensor([1, 6, 6], 1);
    const w = randomTensor([4, 1, 3, 3], 2);
    await expect(conv2dParallel(x, w, { bias: [1, 2, 3] }, pool)).rejects.toThrow(
      'conv2d: bias has 3 values but there are 4 kernels',
    );
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { Padding } from '../conv-options';
import { type Conv2dOptions, conv2d } from '../conv2d';
import { randomTensor } from '../testing/random-tensor';
import type { BandQueueJob, BandQueueResult } from './band-queue';
import { conv2dParallel, QUEUED_BANDS } from './conv2d-parallel';
import { bits, isolation, twoWorkers } from './two-workers.test-helper';
import type { WorkerPool } from './worker-pool';

// On an isolated page (crossOriginIsolated set here as a page has it) zero-padded convs go to the workers
// as one queue of bands that they take from as they get to them: the result must be one thread's, bit for
// bit, whoever takes which bands, and each band must be computed by exactly one worker.

const workers = twoWorkers();
const scope = isolation;

/** The pool, recording each queue job posted and each reply (which bands that worker took). */
function recordingPool(delay: (run: number, job: BandQueueJob) => Promise<void> = () => Promise.resolve()) {
  const jobs: BandQueueJob[] = [];
  const replies: BandQueueResult[] = [];
  const recording: WorkerPool = {
    size: 2,
    run: async (job, transfer, signal) => {
      const run = jobs.push(job as BandQueueJob) - 1;
      await delay(run, job as BandQueueJob);
      const reply = (await workers.pool.run(job, transfer, signal)) as BandQueueResult;
      replies[run] = reply; // by job, not by arrival: the worker posted second may well answer first
      return reply;
    },
    close: async () => {},
  };
  return { recording, jobs, replies };
}

/** Every band index taken, over all replies, sorted: each once means [0, 1, …, bands − 1]. */
function takenBands(replies: readonly BandQueueResult[]): number[] {
  return replies.flatMap((reply) => (reply.status === 'taken' ? reply.bands : [])).sort((a, b) => a - b);
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('conv2dParallel with a queue of bands (isolated page)', () => {
  const shapes: [string, number, number, Conv2dOptions][] = [
    ['odd height', 31, 3, { padding: 'same' }],
    ['height 1', 1, 3, { padding: 'same' }],
    ['height 2 (fewer rows than bands)', 2, 3, { padding: 'same' }],
    ['height 5 (fewer rows than bands)', 5, 3, { padding: 'same' }],
    ['one more row than bands', 2 * QUEUED_BANDS + 1, 3, { padding: 'same' }],
    ['valid padding', 17, 3, { padding: 'valid' }],
    ['stride 2, padding 2', 23, 3, { padding: 2 as Padding, stride: 2 }],
    ['dilation 2', 19, 3, { padding: 'same', dilation: 2 }],
    ['stride 3, dilation 2, 5-tall kernel', 29, 5, { padding: 'same', stride: [3, 1], dilation: [2, 1] }],
    ['flipped, no bias', 13, 3, { padding: 'same', flip: true, bias: undefined }],
  ];

  it.each(shapes)('%s: one thread bit for bit, each band taken once', async (_, height, kh, extra) => {
    scope.crossOriginIsolated = true;
    const x = randomTensor([3, height, 11], height);
    const w = randomTensor([5, 3, kh, 3], height + 1);
    const options: Conv2dOptions = { bias: [0.5, -1, 0, 2, -0.25], ...extra };
    const single = conv2d(x, w, options);
    const { recording, jobs, replies } = recordingPool();
    const parallel = await conv2dParallel(x, w, options, recording);
    expect(parallel.shape).toEqual(single.shape);
    expect(bits(parallel)).toEqual(bits(single));
    const outHeight = single.shape[1] as number;
    if (outHeight < 2) return; // one output row (and a pool without rows to split) has nothing to queue
    expect(jobs).toHaveLength(2);
    const bands = jobs[0]?.queue.bands.length as number;
    expect(bands).toBe(Math.min(2 * QUEUED_BANDS, outHeight));
    expect(jobs[1]?.queue).toEqual(jobs[0]?.queue);
    expect(takenBands(replies)).toEqual(range(bands));
  });

  it('cuts a tall output into more bands than workers, which both workers take from at once', async () => {
    scope.crossOriginIsolated = true;
    const x = randomTensor([16, 128, 128], 1);
    const w = randomTensor([32, 16, 3, 3], 2);
    const options: Conv2dOptions = { padding: 'same', bias: Array.from({ length: 32 }, (_, i) => i / 8) };
    const expected = bits(conv2d(x, w, options));
    // Until both workers took some (one may not get a core in time on a loaded machine): each time every
    // band exactly once.
    let bothTook = false;
    for (let attempt = 0; attempt < 5 && !bothTook; attempt++) {
      const { recording, replies } = recordingPool();
      const parallel = await conv2dParallel(x, w, options, recording);
      expect(bits(parallel)).toEqual(expected);
      expect(takenBands(replies)).toEqual(range(2 * QUEUED_BANDS));
      bothTook = replies.every((reply) => reply.status === 'taken' && reply.bands.length > 0);
    }
    expect(bothTook).toBe(true);
  });

  it('completes right when one worker starts only after the other has taken every band', async () => {
    scope.crossOriginIsolated = true;
    const x = randomTensor([8, 64, 40], 3);
    const w = randomTensor([8, 8, 3, 3], 4);
    const options: Conv2dOptions = { padding: 'same', bias: range(8) };
    let firstDone: Promise<unknown> = Promise.resolve();
    const { recording, jobs, replies } = recordingPool(async (run) => {
      if (run === 1) await firstDone.catch(() => undefined);
    });
    const wrapped: WorkerPool = {
      ...recording,
      run: (job, transfer, signal) => {
        const reply = recording.run(job, transfer, signal);
        if (jobs.length === 1) firstDone = reply;
        return reply;
      },
    };
    const parallel = await conv2dParallel(x, w, options, wrapped);
    expect(bits(parallel)).toEqual(bits(conv2d(x, w, options)));
    expect(replies).toEqual([
      { status: 'taken', bands: range(2 * QUEUED_BANDS) },
      { status: 'taken', bands: [] },
    ]);
  });

  it('completes right when one worker is slow to start, which then takes fewer bands (at most a third)', async () => {
    scope.crossOriginIsolated = true;
    const x = randomTensor([16, 128, 128], 5);
    const w = randomTensor([32, 16, 3, 3], 6);
    const options: Conv2dOptions = { padding: 'same', bias: range(32) };
    // The second worker's job is posted only once the first has taken two thirds of the bands: the first
    // then computes at least those, the second at most the rest.
    const twoThirds = Math.ceil((2 * 2 * QUEUED_BANDS) / 3);
    const { recording, replies } = recordingPool(async (run, job) => {
      while (run === 1 && Atomics.load(job.queue.next, 0) < twoThirds)
        await new Promise((wait) => setTimeout(wait, 1));
    });
    const parallel = await conv2dParallel(x, w, options, recording);
    expect(bits(parallel)).toEqual(bits(conv2d(x, w, options)));
    expect(takenBands(replies)).toEqual(range(2 * QUEUED_BANDS));
    const [early, late] = replies.map((reply) => (reply.status === 'taken' ? reply.bands.length : -1));
    expect(early).toBeGreaterThanOrEqual(twoThirds);
    expect(late).toBeLessThan(early as number);
  });

  it('stops when its signal aborts while bands are queued, then computes the next conv right', async () => {
    scope.crossOriginIsolated = true;
    const big = randomTensor([32, 256, 256], 9);
    const kernels = randomTensor([64, 32, 5, 5], 10);
    const edit = new AbortController();
    const stale = conv2dParallel(big, kernels, { padding: 'same' }, workers.pool, edit.signal);
    await new Promise((wait) => setTimeout(wait, 30));
    edit.abort();
    await expect(stale).rejects.toMatchObject({ name: 'AbortError' });
    const x = randomTensor([3, 30, 17], 1);
    const w = randomTensor([6, 3, 3, 3], 2);
    const { recording, replies } = recordingPool();
    const next = await conv2dParallel(x, w, { padding: 'same' }, recording);
    expect(bits(next)).toEqual(bits(conv2d(x, w, { padding: 'same' })));
    expect(takenBands(replies)).toEqual(range(2 * QUEUED_BANDS));
  });

  it('stops a queue of short bands by emptying it, keeping its workers, and computes the next conv right', async () => {
    scope.crossOriginIsolated = true;
    // 16×256² → 32×3×3, the edit network's second conv: about 25 million multiply-adds a band.
    const x = randomTensor([16, 256, 256], 11);
    const w = randomTensor([32, 16, 3, 3], 12);
    const signals: (AbortSignal | undefined)[] = [];
    const { recording, jobs, replies } = recordingPool();
    const watching: WorkerPool = {
      ...recording,
      run: (job, transfer, signal) => {
        signals.push(signal);
        return recording.run(job, transfer, signal);
      },
    };
    const edit = new AbortController();
    const stale = conv2dParallel(x, w, { padding: 'same' }, watching, edit.signal);
    // Once the workers have begun taking bands.
    while (jobs.length < 2 || Atomics.load(jobs[0]?.queue.next as Int32Array, 0) === 0)
      await new Promise((wait) => setTimeout(wait, 1));
    const abortedAt = performance.now();
    edit.abort();
    await expect(stale).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - abortedAt).toBeLessThan(50);
    // The workers were not given the signal (which would stop and replace them): the queue was emptied,
    // so each replies after the band it was on (each band still taken at most once).
    expect(signals).toEqual([undefined, undefined]);
    expect(Atomics.load(jobs[0]?.queue.next as Int32Array, 0)).toBeGreaterThanOrEqual(2 * QUEUED_BANDS);
    await vi.waitFor(() => expect(replies.filter(Boolean)).toHaveLength(2));
    const taken = takenBands(replies);
    expect(new Set(taken).size).toBe(taken.length);
    const next = await conv2dParallel(x, w, { padding: 'same' }, workers.pool, new AbortController().signal);
    expect(bits(next)).toEqual(bits(conv2d(x, w, { padding: 'same' })));
  });
});

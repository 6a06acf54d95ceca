import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Conv2dOptions, conv2d } from '../conv2d';
import { knownPlaneRanges } from '../plane-ranges';
import { ready } from '../ready';
import { Tensor } from '../tensor';
import { randomTensor } from '../testing/random-tensor';
import type { BandQueueJob } from './band-queue';
import type { ConvJob } from './conv-job';
import { conv2dParallel, QUEUED_BANDS } from './conv2d-parallel';
import { createNodeWorkerPool } from './node-worker-pool';
import type { WorkerPool } from './worker-pool';

// How conv2dParallel moves data, in the three settings it tells apart by `crossOriginIsolated` (set here
// as a page would have it): on an isolated page input and output are shared, on Node only the input, on
// a page without isolation nothing. Each must give one thread's result bit for bit, and a result handed
// out must never change afterwards.

let pool: WorkerPool;
const posted: { job: ConvJob; transfer: ArrayBuffer[] }[] = [];
const recording: WorkerPool = {
  size: 2,
  run: (job, transfer = [], signal) => {
    posted.push({ job: job as ConvJob, transfer });
    return pool.run(job, transfer, signal);
  },
  close: () => Promise.resolve(),
};
const scope = globalThis as { crossOriginIsolated?: boolean };

beforeAll(async () => {
  await ready();
  pool = createNodeWorkerPool(2);
});
afterAll(() => pool.close());
afterEach(() => {
  posted.length = 0;
  delete scope.crossOriginIsolated;
});

const sameBits = (a: Tensor, b: Tensor) =>
  a.shape.join() === b.shape.join() &&
  Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).equals(
    Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength),
  );

const x = randomTensor([3, 30, 17], 1);
const w = randomTensor([6, 3, 3, 3], 2);
const cases: [string, Conv2dOptions][] = [
  ['zero padding (bands of rows)', { padding: 'same', bias: [1, 2, 3, 4, 5, 6], activation: 'relu' }],
  ['reflect padding (runs of kernels)', { padding: 'same', paddingMode: 'reflect', stride: 2 }],
];

/** The band jobs posted: a queue job's bands (each posted once per worker, listed once), or the job itself. */
const bandJobs = () => {
  const queues = [...new Set(posted.map(({ job }) => (job as Partial<BandQueueJob>).queue))];
  return queues.flatMap((queue) => (queue === undefined ? posted.map(({ job }) => job) : queue.bands));
};

describe('conv2dParallel on a cross-origin-isolated page', () => {
  it.each(cases)(
    '%s: reads the shared input, writes the shared output, copies no maps back',
    async (_, options) => {
      scope.crossOriginIsolated = true;
      const result = await conv2dParallel(x, w, options, recording);
      expect(sameBits(result, conv2d(x, w, options))).toBe(true);
      expect(result.data.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(posted).toHaveLength(2);
      const queued = !('paddingMode' in options);
      // Bands of rows go in one queue, posted to both workers; runs of kernels one per worker.
      expect(posted.map(({ job }) => 'queue' in job)).toEqual([queued, queued]);
      for (const { job, transfer } of posted) {
        // Only a run of kernels has an array of its own to transfer: its weights.
        expect(transfer).toEqual(queued ? [] : [job.w.data.buffer]);
      }
      const jobs = bandJobs();
      expect(jobs).toHaveLength(queued ? 2 * QUEUED_BANDS : 2);
      for (const job of jobs) {
        expect('shared' in job.x && job.x.shared.buffer instanceof SharedArrayBuffer).toBe(true);
        expect(job.out?.shared?.buffer).toBe(result.data.buffer);
      }
    },
  );

  it("records each map's range from its bands, as measured in the workers (NaN and ±∞ counted apart)", async () => {
    scope.crossOriginIsolated = true;
    const holes = new Tensor(x.shape, x.data.slice());
    holes.data[40] = Number.NaN; // channel 1, row 2
    holes.data[2 * 30 * 17 + 25 * 17 + 3] = Number.NEGATIVE_INFINITY; // channel 3, row 26
    const options: Conv2dOptions = { padding: 'same', bias: [1, 2, 3, 4, 5, 6] };
    const result = await conv2dParallel(holes, w, options, recording);
    expect(sameBits(result, conv2d(holes, w, options))).toBe(true);
    const ranges = knownPlaneRanges(result.data, 30 * 17);
    expect(ranges).toHaveLength(6);
    for (const [k, range] of (ranges ?? []).entries()) {
      const plane = [...result.data.subarray(k * 30 * 17, (k + 1) * 30 * 17)];
      const finite = plane.filter(Number.isFinite);
      expect(range).toEqual({
        min: Math.min(...finite),
        max: Math.max(...finite),
        nonFinite: plane.length - finite.length,
      });
      expect(range.nonFinite).toBeGreaterThan(0); // every kernel reads the holes' neighbourhoods
    }
  });

  it('reads an input that already lives in shared memory where it is', async () => {
    scope.crossOriginIsolated = true;
    const shared = new Float32Array(new SharedArrayBuffer(x.size * 4));
    shared.set(x.data);
    const result = await conv2dParallel(new Tensor(x.shape, shared), w, { padding: 'same' }, recording);
    expect(sameBits(result, conv2d(x, w, { padding: 'same' }))).toBe(true);
    for (const job of bandJobs()) expect('shared' in job.x && job.x.shared).toBe(shared);
  });

  it('keeps concurrent calls apart, and never changes a result it has handed out', async () => {
    scope.crossOriginIsolated = true;
    // Same-sized inputs, so the recycled shared input buffers are candidates for both calls.
    const inputs = [1, 2, 3].map((seed) => randomTensor([3, 30, 17], 10 + seed));
    const first = await conv2dParallel(inputs[0] as Tensor, w, { padding: 'same' }, pool);
    const kept = first.data.slice();
    const [second, third] = await Promise.all(
      inputs.slice(1).map((input) => conv2dParallel(input, w, { padding: 'same' }, pool)),
    );
    for (const [index, result] of [first, second, third].entries()) {
      expect(sameBits(result as Tensor, conv2d(inputs[index] as Tensor, w, { padding: 'same' }))).toBe(true);
    }
    await conv2dParallel(inputs[2] as Tensor, w, { padding: 'same' }, pool);
    expect(first.data).toEqual(kept);
  });
});

describe('conv2dParallel on Node', () => {
  it.each(cases)(
    '%s: reads the shared input, and the first job returns the whole output',
    async (_, options) => {
      const result = await conv2dParallel(x, w, options, recording);
      expect(sameBits(result, conv2d(x, w, options))).toBe(true);
      expect(result.data.buffer).not.toBeInstanceOf(SharedArrayBuffer);
      for (const { job } of posted) expect('shared' in job.x).toBe(true);
      expect(posted.map(({ job }) => job.out?.kernels)).toEqual([6, undefined]);
      expect(posted[0]?.job.out?.shared).toBeUndefined();
    },
  );

  it('keeps concurrent calls apart, and never changes a result it has handed out', async () => {
    const inputs = [1, 2, 3].map((seed) => randomTensor([3, 30, 17], 20 + seed));
    const results = await Promise.all(
      inputs.map((input) => conv2dParallel(input, w, { padding: 'same' }, pool)),
    );
    const kept = results.map((result) => result.data.slice());
    await conv2dParallel(inputs[0] as Tensor, w, { padding: 'same' }, pool);
    for (const [index, result] of results.entries()) {
      expect(sameBits(result, conv2d(inputs[index] as Tensor, w, { padding: 'same' }))).toBe(true);
      expect(result.data).toEqual(kept[index]);
    }
  });
});

describe('conv2dParallel without shared memory (a page that is not cross-origin isolated)', () => {
  it.each(cases)('%s: transfers each job its own copy and matches one thread', async (_, options) => {
    scope.crossOriginIsolated = false;
    const result = await conv2dParallel(x, w, options, recording);
    expect(sameBits(result, conv2d(x, w, options))).toBe(true);
    expect(result.data.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect(posted).toHaveLength(2);
    for (const { job, transfer } of posted) {
      expect('data' in job.x && job.x.data.buffer instanceof SharedArrayBuffer).toBe(false);
      expect(transfer).toHaveLength(1);
    }
    // The first job returns the whole output with its maps in place; the second, its maps alone.
    expect(posted.map(({ job }) => job.out?.kernels)).toEqual([6, undefined]);
    expect(posted[0]?.job.out?.shared).toBeUndefined();
  });
});

// The core of Node's own abort test (conv2d-parallel.test.ts), in the two page settings.
describe.each([
  ['a cross-origin-isolated page', true],
  ['a page without isolation', false],
])('conv2dParallel on %s', (_, isolated) => {
  it('stops when its signal aborts, and the pool then computes the next conv right', async () => {
    scope.crossOriginIsolated = isolated;
    // About 3 billion multiply-adds: hundreds of milliseconds per band even on a quiet machine.
    const big = randomTensor([32, 256, 256], 9);
    const kernels = randomTensor([64, 32, 5, 5], 10);
    const edit = new AbortController();
    const stale = conv2dParallel(big, kernels, { padding: 'same' }, pool, edit.signal);
    await new Promise((wait) => setTimeout(wait, 30));
    edit.abort();
    await expect(stale).rejects.toMatchObject({ name: 'AbortError' });
    const next = await conv2dParallel(x, w, { padding: 'same' }, pool);
    expect(sameBits(next, conv2d(x, w, { padding: 'same' }))).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Conv2dOptions, conv2d } from '../conv2d';
import { ready } from '../ready';
import { Tensor } from '../tensor';
import { randomTensor } from '../testing/random-tensor';
import { createNodeWorkerPool } from './node-worker-pool';
import { convMultiplyAdds, createParallelConv } from './parallel-conv';
import type { WorkerPool } from './worker-pool';

// Real worker threads behind the seam a notebook host provides; jobs are counted to see which path ran.

let threads: WorkerPool;
let jobs = 0;
const counting: WorkerPool = {
  get size() {
    return threads.size;
  },
  run: (job, transfer) => {
    jobs++;
    return threads.run(job, transfer);
  },
  close: () => threads.close(),
};
beforeAll(async () => {
  await ready();
  threads = createNodeWorkerPool(2);
});
afterAll(() => threads.close());

describe('convMultiplyAdds', () => {
  it('counts O·C·kh·kw per output position', () => {
    const x = new Tensor([3, 10, 12]);
    const w = new Tensor([4, 3, 3, 5]);
    // valid: 8 × 8 positions; same: 10 × 12; stride 2 with same: 5 × 6
    expect(convMultiplyAdds(x, w)).toBe(4 * 3 * 3 * 5 * 8 * 8);
    expect(convMultiplyAdds(x, w, { padding: 'same' })).toBe(4 * 3 * 3 * 5 * 10 * 12);
    expect(convMultiplyAdds(x, w, { padding: 'same', stride: 2 })).toBe(4 * 3 * 3 * 5 * 5 * 6);
  });
  it('is 0 for calls conv2d would reject, leaving the error to conv2d', () => {
    expect(convMultiplyAdds(new Tensor([3, 2, 2]), new Tensor([1, 3, 3, 3]))).toBe(0);
    expect(convMultiplyAdds(new Tensor([2, 2]), new Tensor([1, 1, 1, 1]))).toBe(0);
  });
});

describe('createParallelConv', () => {
  const x = randomTensor([8, 40, 36], 1);
  const w = randomTensor([12, 8, 3, 3], 2);
  const work = convMultiplyAdds(x, w, { padding: 'same' }); // 12·8·9·40·36 ≈ 1.2M

  it.each<[string, Conv2dOptions]>([
    ['zero padding (row bands)', { padding: 'same', bias: Array.from({ length: 12 }, (_, i) => i / 4) }],
    ['reflect padding (kernel split)', { padding: 'same', paddingMode: 'reflect', flip: true }],
    ['stride and dilation', { padding: [2, 1, 2, 2], stride: [2, 1], dilation: 2 }],
  ])('splits a conv above the threshold and matches one thread bit for bit: %s', async (_, options) => {
    const parallel = createParallelConv(() => counting, work / 4);
    expect(parallel.splits(x, w, options)).toBe(true);
    const before = jobs;
    const split = await parallel.conv2d(x, w, options);
    expect(jobs - before).toBe(2);
    const single = conv2d(x, w, options);
    expect(split.shape).toEqual(single.shape);
    expect(split.data).toEqual(single.data);
  });

  it('starts the pool on the first split, once', async () => {
    let created = 0;
    const parallel = createParallelConv(() => {
      created++;
      return counting;
    }, work / 4);
    await parallel.conv2d(x, randomTensor([1, 8, 1, 1], 5)); // 8·40·36 multiply-adds: stays here
    expect(created).toBe(0);
    await parallel.conv2d(x, w, { padding: 'same' });
    await parallel.conv2d(x, w, { padding: 'same' });
    expect(created).toBe(1);
  });

  it('keeps a conv at or below the threshold on the calling thread', async () => {
    const parallel = createParallelConv(() => counting, work);
    const before = jobs;
    expect(parallel.splits(x, w, { padding: 'same' })).toBe(false);
    expect(parallel.splits(x, w, { padding: 'valid' })).toBe(false);
    const out = await parallel.conv2d(x, w, { padding: 'same' });
    expect(jobs).toBe(before);
    expect(out.data).toEqual(conv2d(x, w, { padding: 'same' }).data);
  });

  it("rejects malformed calls with conv2d's own error", async () => {
    const parallel = createParallelConv(() => counting, 0);
    await expect(parallel.conv2d(x, new Tensor([1, 3, 3, 3]))).rejects.toThrow(
      'conv2d: input has 8 channels but the kernels (1×3×3×3) expect 3',
    );
  });
});

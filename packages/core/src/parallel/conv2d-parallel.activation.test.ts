import { describe, expect, it } from 'vitest';
import { type ActivationName, applyActivationInPlace } from '../activations';
import { type Conv2dOptions, conv2d } from '../conv2d';
import type { Tensor } from '../tensor';
import { randomTensor } from '../testing/random-tensor';
import type { ActivationAfter } from './activation-after';
import { conv2dParallel } from './conv2d-parallel';
import { createParallelConv } from './parallel-conv';
import { bits, isolation, twoWorkers } from './two-workers.test-helper';
import type { WorkerPool } from './worker-pool';

// An activation applied in the workers (activationAfter) gives the bits of today's one-thread path: conv2d
// without an activation, then applyActivationInPlace on the whole output. Compared as Int32 bit patterns,
// so NaN's sign and payload, −0 and ±∞ count, in the three ways conv2dParallel moves data.

const workers = twoWorkers();
const scope = isolation;

/**
 * An input whose conv has NaN, +∞, −∞ and −0 among its values: a NaN and two infinities, apart, in
 * channel 0, and a block of −0 in every channel that, under the last kernel (positive weights, −0 bias),
 * sums to −0.
 */
function awkwardCase(): { x: Tensor; w: Tensor; bias: number[] } {
  const [channels, height, width] = [3, 23, 19];
  const x = randomTensor([channels, height, width], 11);
  const at = (c: number, row: number, column: number) => (c * height + row) * width + column;
  x.data[at(0, 3, 2)] = Number.NaN;
  x.data[at(0, 9, 9)] = Number.POSITIVE_INFINITY;
  x.data[at(0, 16, 4)] = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < channels; c++)
    for (let row = 12; row < 23; row++)
      for (let column = 11; column < 19; column++) x.data[at(c, row, column)] = -0;
  const w = randomTensor([5, channels, 3, 3], 12);
  // The last kernel's weights all positive: −0 · w is −0 only for w > 0.
  const last = w.data.subarray(4 * channels * 9);
  last.set(last.map(Math.abs));
  const bias = [0.25, -0.5, 0, 0.125, -0];
  return { x, w, bias };
}

const activations: ActivationAfter[] = [
  { name: 'relu' },
  { name: 'leaky-relu' },
  { name: 'leaky-relu', alpha: 0.3 },
  { name: 'leaky-relu', alpha: -2 },
  { name: 'sigmoid' },
  { name: 'tanh' },
  { name: 'identity' },
];
const settings = [
  ['an isolated page (a queue of bands)', true],
  ['Node (shared input)', undefined],
  ['a page without isolation (copies)', false],
] as const;
const layouts: [string, Conv2dOptions][] = [
  ['bands of rows', { padding: 'same' }],
  ['runs of kernels', { padding: 'same', paddingMode: 'reflect' }],
  ['strided, dilated bands', { padding: 2, stride: 2, dilation: 2 }],
];

describe('conv2dParallel with activationAfter', () => {
  it('uses an input whose linear conv has NaN, ±∞ and −0 in it', () => {
    const { x, w, bias } = awkwardCase();
    const linear = [...conv2d(x, w, { padding: 'same', bias }).data];
    expect(linear.some(Number.isNaN)).toBe(true);
    expect(linear).toContain(Number.POSITIVE_INFINITY);
    expect(linear).toContain(Number.NEGATIVE_INFINITY);
    expect(linear.some((v) => Object.is(v, -0))).toBe(true);
  });

  describe.each(settings)('on %s', (_, isolated) => {
    it.each(layouts)('%s: equals conv2d then applyActivationInPlace, bit for bit', async (__, layout) => {
      const { x, w, bias } = awkwardCase();
      const options = { ...layout, bias };
      for (const after of activations) {
        if (isolated === undefined) delete scope.crossOriginIsolated;
        else scope.crossOriginIsolated = isolated;
        const parallel = await conv2dParallel(x, w, options, workers.pool, undefined, after);
        const alpha = after.alpha === undefined ? {} : { alpha: after.alpha };
        const single = applyActivationInPlace(after.name, conv2d(x, w, options), alpha);
        expect(parallel.shape).toEqual(single.shape);
        expect(bits(parallel), `${after.name} ${after.alpha}`).toEqual(bits(single));
      }
    });
  });

  it('applies it on the calling thread too, when the call is not split', async () => {
    const { x, w, bias } = awkwardCase();
    const onePool: WorkerPool = {
      size: 1,
      run: () => Promise.reject(new Error('no job')),
      close: async () => {},
    };
    const after = { name: 'leaky-relu', alpha: 0.5 } as const;
    const expected = bits(applyActivationInPlace('leaky-relu', conv2d(x, w, { bias }), { alpha: 0.5 }));
    expect(bits(await conv2dParallel(x, w, { bias }, onePool, undefined, after))).toEqual(expected);
    const belowThreshold = createParallelConv(() => onePool, Number.POSITIVE_INFINITY);
    expect(bits(await belowThreshold.conv2d(x, w, { bias }, undefined, after))).toEqual(expected);
  });

  it('passes it through createParallelConv to the workers', async () => {
    const { x, w, bias } = awkwardCase();
    const sent: unknown[] = [];
    const recording: WorkerPool = {
      size: 2,
      run: (job, transfer, signal) => {
        sent.push(job);
        return workers.pool.run(job, transfer, signal);
      },
      close: async () => {},
    };
    const parallel = createParallelConv(() => recording, 0);
    const result = await parallel.conv2d(x, w, { bias }, undefined, { name: 'relu' });
    expect(bits(result)).toEqual(bits(applyActivationInPlace('relu', conv2d(x, w, { bias }))));
    expect(sent).toHaveLength(2);
    for (const job of sent) expect(job).toMatchObject({ activationAfter: { name: 'relu' } });
  });

  it.each(settings)(
    'rejects an unknown activation with the ShapeError of one thread, on %s',
    async (_, isolated) => {
      if (isolated !== undefined) scope.crossOriginIsolated = isolated;
      const x = randomTensor([2, 20, 9], 5);
      const w = randomTensor([4, 2, 3, 3], 6);
      const bogus = { name: 'swish' as ActivationName };
      const single = (() => {
        try {
          applyActivationInPlace(bogus.name, conv2d(x, w, {}));
        } catch (error) {
          return error as Error;
        }
        throw new Error('expected a ShapeError');
      })();
      const split = conv2dParallel(x, w, {}, workers.pool, undefined, bogus);
      await expect(split).rejects.toMatchObject({ name: 'ShapeError', message: single.message });
    },
  );
});

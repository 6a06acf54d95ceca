import { describe, expect, it } from 'vitest';
import { gaussianKernel1d } from './kernels';
import { createRandom } from './random';
import { findPeaks, smooth1d } from './signal';
import { tensor } from './tensor';

describe('smooth1d', () => {
  it('a 3-tap average spreads a spike over its neighbours', () => {
    const third = 1 / 3;
    expect(Array.from(smooth1d([0, 0, 3, 0, 0], [third, third, third]))).toEqual(
      [0, 1, 1, 1, 0].map((v) => expect.closeTo(v, 6)),
    );
  });

  it('replicates the edge samples instead of padding with zeros', () => {
    const third = 1 / 3;
    const out = smooth1d([3, 0, 0], [third, third, third]);
    // out[0] sees (3, 3, 0); out[2] sees (0, 0, 0)
    expect(Array.from(out)).toEqual([2, 1, 0].map((v) => expect.closeTo(v, 6)));
  });

  it('keeps a flat signal flat under a normalised gaussian', () => {
    const out = smooth1d(new Float32Array(12).fill(4), gaussianKernel1d(7, 1.5));
    for (const v of out) expect(v).toBeCloseTo(4, 5);
  });

  it('an even kernel anchors on its left middle tap and looks ahead', () => {
    expect(Array.from(smooth1d([1, 3, 5], [0.5, 0.5]))).toEqual([2, 4, 5]);
  });

  it('no flip: an asymmetric kernel correlates', () => {
    // out[i] = 1·x[i−1] + 0·x[i] + 0·x[i+1] — a shift right
    expect(Array.from(smooth1d([1, 2, 3, 4], [1, 0, 0]))).toEqual([1, 1, 2, 3]);
  });

  it('takes and returns a 1×N tensor', () => {
    const out = smooth1d(tensor([[1, 3, 5]]), tensor([[[[0.5, 0.5]]]]));
    expect(out.shape).toEqual([1, 3]);
    expect(Array.from(out.data)).toEqual([2, 4, 5]);
  });

  it('rejects a tensor that is not 1×N', () => {
    expect(() =>
      smooth1d(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        [1],
      ),
    ).toThrow('smooth1d: signal must be 1×N (all axes but the last of size 1), got 2×2');
  });
});

describe('findPeaks', () => {
  it('prominences worked by hand', () => {
    // peak 3 @1: bases 0 (left, to the edge) and 1 (right, until the 5) → 3 − 1 = 2
    // peak 5 @3: bases 0 and 0 → 5
    // peak 4 @5: bases 2 (left, until the 5) and 0 → 4 − 2 = 2
    expect(findPeaks([0, 3, 1, 5, 2, 4, 0])).toEqual([
      { index: 1, value: 3, prominence: 2 },
      { index: 3, value: 5, prominence: 5 },
      { index: 5, value: 4, prominence: 2 },
    ]);
  });

  it('an equal neighbour does not end the base search (scipy semantics)', () => {
    // peak 2 @1: left base 0; right side passes the other 2 and reaches 0 → prominence 2 for both
    expect(findPeaks([0, 2, 1, 2, 0]).map((p) => p.prominence)).toEqual([2, 2]);
  });

  it('a plateau is one peak at its middle, left-middle when even', () => {
    expect(findPeaks([0, 2, 2, 2, 0]).map((p) => p.index)).toEqual([2]);
    expect(findPeaks([0, 2, 2, 0]).map((p) => p.index)).toEqual([1]);
    expect(findPeaks([0, 2, 2, 3, 0]).map((p) => p.index)).toEqual([3]); // a shoulder, not a peak
    expect(findPeaks([5, 1, 1, 1])).toEqual([]); // edges and a trailing flat are not peaks
  });

  it('minHeight, minProminence and minDistance filter', () => {
    const x = [0, 5, 0, 4, 0, 0, 3, 0];
    expect(findPeaks(x, { minHeight: 4 }).map((p) => p.index)).toEqual([1, 3]);
    expect(findPeaks(x, { minProminence: 3.5 }).map((p) => p.index)).toEqual([1, 3]);
    expect(findPeaks(x, { minDistance: 3 }).map((p) => p.index)).toEqual([1, 6]);
    expect(findPeaks(x, { minDistance: 2 }).map((p) => p.index)).toEqual([1, 3, 6]);
  });

  it('smoothing with a gaussian leaves only the real peaks of a noisy signal', () => {
    // Two broad bumps of height 10 at 35 and 85, plus uniform noise of ±0.75 that makes dozens of wiggles.
    const bump = (i: number, centre: number): number => 10 * Math.exp(-((i - centre) ** 2) / (2 * 12 ** 2));
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = createRandom(seed);
      const signal = Array.from(
        { length: 120 },
        (_, i) => bump(i, 35) + bump(i, 85) + (random() - 0.5) * 1.5,
      );
      expect(findPeaks(signal).length).toBeGreaterThan(20);

      const smooth = findPeaks(smooth1d(signal, gaussianKernel1d(21, 4)));
      expect(smooth).toHaveLength(2);
      expect(Math.abs((smooth[0]?.index ?? 0) - 35)).toBeLessThanOrEqual(2);
      expect(Math.abs((smooth[1]?.index ?? 0) - 85)).toBeLessThanOrEqual(2);
    }
  });
});

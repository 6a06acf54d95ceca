import { getKernels, ready } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { recordLineage } from '../../paint/plane-lineage';
import { type MapSummary, measureSteps, runToEnd, STEP_VALUES, sameAs, summaryNow } from './map-summary';

/** The figures the slow, obvious way: finite values only, NaN min/max for a plane with none. */
function bruteForce(data: Float32Array, planeSize: number) {
  const planes = [];
  for (let start = 0; start < data.length; start += planeSize) {
    const finite = [...data.subarray(start, start + planeSize)].filter(Number.isFinite);
    planes.push({
      min: finite.length ? finite.reduce((a, b) => Math.min(a, b)) : Number.NaN,
      max: finite.length ? finite.reduce((a, b) => Math.max(a, b)) : Number.NaN,
      nonFinite: Math.min(planeSize, data.length - start) - finite.length,
    });
  }
  return planes;
}

function steps(data: Float32Array, planeSize: number, previous?: Float32Array) {
  const run = measureSteps(data, planeSize, previous);
  let count = 0;
  for (;;) {
    const step = run.next();
    if (step.done) return { summary: step.value as MapSummary, count };
    count++;
  }
}

describe('map summary', () => {
  it('gives each plane its finite min and max and counts the rest', () => {
    const data = Float32Array.from([1, -2, Number.NaN, 4, Number.POSITIVE_INFINITY, Number.NaN]);
    const summary = summaryNow(data, 3);
    expect(summary).toEqual({
      min: -2,
      max: 4,
      nonFinite: 3,
      planes: [
        { min: -2, max: 1, nonFinite: 1 },
        { min: 4, max: 4, nonFinite: 2 },
      ],
    });
  });

  it('agrees with a brute-force count on random planes full of NaN and ±∞', () => {
    let state = 7;
    const next = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const special = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0];
    for (let trial = 0; trial < 40; trial++) {
      const planeSize = 1 + Math.floor(next() * 9);
      const rate = next();
      const data = Float32Array.from({ length: planeSize * (1 + Math.floor(next() * 4)) }, () =>
        next() < rate ? (special[Math.floor(next() * 4)] as number) : (next() - 0.5) * 100,
      );
      const summary = runToEnd(measureSteps(data, planeSize));
      expect(summary.planes).toEqual(bruteForce(data, planeSize));
      const finite = [...data].filter(Number.isFinite);
      expect(summary.min).toBe(finite.length ? Math.min(...finite) : Number.POSITIVE_INFINITY);
      expect(summary.nonFinite).toBe(data.length - finite.length);
    }
  });

  it('measures a big map a step at a time, to the same figures', () => {
    const planeSize = STEP_VALUES + 7;
    const data = new Float32Array(planeSize * 2);
    data[3] = -5;
    data[planeSize + STEP_VALUES + 2] = 9; // in the second plane's second step
    data[planeSize] = Number.NaN;
    expect(summaryNow(data, planeSize)).toBeUndefined();
    const { summary, count } = steps(data, planeSize);
    expect(count).toBe(4);
    expect(summary.planes).toEqual([
      { min: -5, max: 0, nonFinite: 0 },
      { min: 0, max: 9, nonFinite: 1 },
    ]);
    expect(summaryNow(data, planeSize)).toBe(summary);
  });

  it('keeps the figures of planes bit-identical to the map before and reads only the changed one', () => {
    const planeSize = STEP_VALUES * 2;
    const before = Float32Array.from({ length: planeSize * 3 }, (_, i) => Math.sin(i));
    before[5] = Number.NaN;
    runToEnd(measureSteps(before, planeSize));
    const after = before.slice();
    after[planeSize + 11] = 42; // plane 2 changes
    const { summary, count } = steps(after, planeSize, before);
    expect([...(sameAs(after)?.planes ?? [])]).toEqual([1, 0, 1]);
    expect(sameAs(after)?.data).toBe(before);
    expect(summary.planes).toEqual(bruteForce(after, planeSize));
    expect(summary.max).toBe(42);
    // Planes 1 and 3: compared in two steps each; plane 2: the change found at once, then read in two.
    expect(count).toBe(2 + 2 + 2);
    // A third map compared with the second: the second's comparison (holding the first) is let go.
    const third = after.slice();
    runToEnd(measureSteps(third, planeSize, after));
    expect([...(sameAs(third)?.planes ?? [])]).toEqual([1, 1, 1]);
    expect(sameAs(after)).toBeUndefined();
  });

  it('does not compare with a map of another length', () => {
    const before = new Float32Array(8);
    runToEnd(measureSteps(before, 4));
    const other = new Float32Array(12);
    runToEnd(measureSteps(other, 4, before));
    expect(sameAs(other)).toBeUndefined();
  });

  it('takes the planes the worker copied as known, reading only the planes it recomputed', () => {
    const planeSize = STEP_VALUES * 2;
    const before = Float32Array.from({ length: planeSize * 3 }, (_, i) => Math.cos(i));
    runToEnd(measureSteps(before, planeSize));
    const after = before.slice();
    after[planeSize + 3] = -7; // plane 2, which the worker recomputed
    recordLineage(after, before, 3, [1]);
    const { summary, count } = steps(after, planeSize, before);
    expect(summary.planes).toEqual(bruteForce(after, planeSize));
    expect([...(sameAs(after)?.planes ?? [])]).toEqual([1, 0, 1]);
    expect(count).toBe(2); // plane 2 read in two steps; planes 1 and 3 neither read nor compared
  });

  it('trusts the lineage only against the very map it names', () => {
    const planeSize = 4;
    const before = Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8);
    const other = before.slice();
    runToEnd(measureSteps(other, planeSize));
    const after = before.slice();
    after[0] = 100;
    recordLineage(after, before, 2, [1]); // says plane 1 is before's: true of `other` too, but not checked
    runToEnd(measureSteps(after, planeSize, other));
    expect([...(sameAs(after)?.planes ?? [])]).toEqual([0, 1]); // found by comparing with `other`
    expect(runToEnd(measureSteps(after, planeSize)).planes[0]?.max).toBe(100);
  });

  it('measures big planes with the WASM kernels to the same figures as a brute-force pass', async () => {
    await ready();
    expect(getKernels().native).toBeDefined();
    let state = 11;
    const next = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const special = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 3e38];
    const planeSize = STEP_VALUES + 4099; // a whole step in WASM, then a tail of 4099 values
    const data = Float32Array.from({ length: planeSize * 3 }, () =>
      next() < 0.01 ? (special[Math.floor(next() * special.length)] as number) : (next() - 0.5) * 1e3,
    );
    data.fill(Number.NaN, 2 * planeSize, 2 * planeSize + 5000); // the third plane starts with NaN
    // −0 and +0 are one number: either may come out as an end of the range.
    const zerosAlike = (planes: readonly { min: number; max: number; nonFinite: number }[]) =>
      planes.map(({ min, max, nonFinite }) => ({
        min: min === 0 ? 0 : min,
        max: max === 0 ? 0 : max,
        nonFinite,
      }));
    const summary = runToEnd(measureSteps(data, planeSize));
    expect(zerosAlike(summary.planes)).toEqual(zerosAlike(bruteForce(data, planeSize)));
  });
});

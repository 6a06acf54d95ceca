import { describe, expect, it } from 'vitest';
import { SLICE_VALUES, summaryInSlices, summaryNow } from './map-summary';

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

  it('measures a map bigger than one slice in slices, to the same figures', async () => {
    const planeSize = SLICE_VALUES + 7;
    const data = new Float32Array(planeSize * 2);
    data[3] = -5;
    data[planeSize + SLICE_VALUES + 2] = 9; // in the second plane's second slice
    data[planeSize] = Number.NaN;
    expect(summaryNow(data, planeSize)).toBeUndefined();
    const summary = await summaryInSlices(data, planeSize, () => false);
    expect(summary?.planes).toEqual([
      { min: -5, max: 0, nonFinite: 0 },
      { min: 0, max: 9, nonFinite: 1 },
    ]);
    expect(summaryNow(data, planeSize)).toBe(summary);
  });

  it('stops when nobody needs the answer any more', async () => {
    const data = new Float32Array(SLICE_VALUES * 3);
    expect(await summaryInSlices(data, data.length, () => true)).toBeUndefined();
  });
});

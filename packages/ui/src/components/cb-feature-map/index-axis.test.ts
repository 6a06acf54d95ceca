import { describe, expect, it } from 'vitest';
import { indexAxisTicks } from './index-axis';
import { planeGeometry } from './plane-geometry';

describe('indexAxisTicks', () => {
  it('writes every index of ten class scores, from 0', () => {
    expect(indexAxisTicks(planeGeometry([10]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(indexAxisTicks(planeGeometry([1, 10]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('writes every fifth index of a longer strip, and the last', () => {
    expect(indexAxisTicks(planeGeometry([32]))).toEqual([0, 5, 10, 15, 20, 25, 31]);
    // 30 would sit one step from 31: the last replaces it.
    expect(indexAxisTicks(planeGeometry([32])).includes(30)).toBe(false);
    expect(indexAxisTicks(planeGeometry([21]))).toEqual([0, 5, 10, 15, 20]);
    expect(indexAxisTicks(planeGeometry([24]))).toEqual([0, 5, 10, 15, 20, 23]);
  });

  it('gives no axis to maps, stacks of strips, single values and signals', () => {
    expect(indexAxisTicks(planeGeometry([3, 4]))).toEqual([]);
    expect(indexAxisTicks(planeGeometry([2, 1, 10]))).toEqual([]);
    expect(indexAxisTicks(planeGeometry([1]))).toEqual([]);
    expect(indexAxisTicks(planeGeometry([128]))).toEqual([]);
  });
});

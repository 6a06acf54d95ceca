import { describe, expect, it } from 'vitest';
import { indexAxisTicks } from './index-axis';

describe('indexAxisTicks', () => {
  it('writes every index of ten class scores, from 0', () => {
    expect(indexAxisTicks([10])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('writes every fifth index of a longer strip, and the last', () => {
    expect(indexAxisTicks([32])).toEqual([0, 5, 10, 15, 20, 25, 31]);
    // 30 would sit one step from 31: the last replaces it.
    expect(indexAxisTicks([32]).includes(30)).toBe(false);
    expect(indexAxisTicks([21])).toEqual([0, 5, 10, 15, 20]);
    expect(indexAxisTicks([24])).toEqual([0, 5, 10, 15, 20, 23]);
  });

  it('gives no axis to one-row images (signals), maps, stacks, single values and long vectors', () => {
    expect(indexAxisTicks([1, 10])).toEqual([]);
    expect(indexAxisTicks([1, 1, 5])).toEqual([]);
    expect(indexAxisTicks([3, 4])).toEqual([]);
    expect(indexAxisTicks([2, 1, 10])).toEqual([]);
    expect(indexAxisTicks([1])).toEqual([]);
    expect(indexAxisTicks([128])).toEqual([]);
  });
});

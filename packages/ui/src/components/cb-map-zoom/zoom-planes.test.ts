import { tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { kernelAndMapPlanes, mapPlane } from './zoom-planes';

describe('zoom planes', () => {
  it('cuts one channel of a map and keeps the whole map’s scale', () => {
    const map = tensor([[[0, 1]], [[2, 4]]]);
    const plane = mapPlane(map, 1, 'Channel 2');
    expect(Array.from(plane.values)).toEqual([2, 4]);
    expect([plane.height, plane.width]).toEqual([1, 2]);
    expect(plane.scale).toEqual({ kind: 'gray', min: 0, max: 4 });
  });

  it('puts kernel 2 of a bank beside its own map', () => {
    const bank = tensor([
      [
        [
          [1, 0],
          [0, -1],
        ],
      ],
      [
        [
          [0, 2],
          [2, 0],
        ],
      ],
    ]);
    const map = tensor([[[1, 1, 1]], [[5, 6, 7]]]);
    const [kernel, feature] = kernelAndMapPlanes(bank, map, 1);
    expect(kernel?.label).toBe('Kernel 2');
    expect(Array.from(kernel?.values ?? [])).toEqual([0, 2, 2, 0]);
    expect(kernel?.scale).toEqual({ kind: 'diverging', min: -2, max: 2 });
    expect(feature?.label).toBe('Feature map 2');
    expect(Array.from(feature?.values ?? [])).toEqual([5, 6, 7]);
  });
});

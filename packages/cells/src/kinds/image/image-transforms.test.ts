import { tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { applyTransforms } from './image-transforms';

const ramp = tensor([
  [
    [1, 2, 3],
    [4, 5, 6],
  ],
]); // [1, 2, 3]

describe('applyTransforms', () => {
  it('shifts right and down, filling with zeros', () => {
    expect(applyTransforms(ramp, [{ op: 'shift', dx: 1, dy: 1 }]).toArray()).toEqual([
      [
        [0, 0, 0],
        [0, 1, 2],
      ],
    ]);
  });

  it('shifts circularly, wrapping content round', () => {
    const shifted = applyTransforms(ramp, [{ op: 'shift', dx: -1, dy: 1, mode: 'circular' }]);
    expect(shifted.toArray()).toEqual([
      [
        [5, 6, 4],
        [2, 3, 1],
      ],
    ]);
  });

  it('converts RGB to luminance with BT.601 weights', () => {
    const rgb = tensor([[[1]], [[1]], [[0]]]);
    expect(applyTransforms(rgb, [{ op: 'grayscale' }]).data[0]).toBeCloseTo(0.886, 6);
  });

  it('averages areas exactly when shrinking by a whole factor', () => {
    const image = tensor([
      [
        [1, 3, 5, 7],
        [1, 3, 5, 7],
      ],
    ]);
    const small = applyTransforms(image, [{ op: 'resize', height: 1, width: 2, method: 'area' }]);
    expect(small.toArray()).toEqual([[[2, 6]]]);
  });

  it('weights partial overlaps when shrinking 3 → 2 by area', () => {
    // Output 0 covers inputs [0, 1.5): 1·a + 0.5·b over 1.5.
    const small = applyTransforms(tensor([[[3, 6, 9]]]), [
      { op: 'resize', height: 1, width: 2, method: 'area' },
    ]);
    expect([...small.data]).toEqual([4, 8]);
  });

  it('interpolates bilinearly with half-pixel centres when enlarging', () => {
    const big = applyTransforms(tensor([[[0, 4]]]), [{ op: 'resize', height: 1, width: 4 }]);
    expect([...big.data]).toEqual([0, 1, 3, 4]);
  });

  it('normalizes to [0, 1] and to zero mean, unit deviation', () => {
    expect([...applyTransforms(ramp, [{ op: 'normalize', mode: 'minmax' }]).data]).toEqual(
      [0, 0.2, 0.4, 0.6, 0.8, 1].map(Math.fround),
    );
    const standard = applyTransforms(tensor([[[1, 3]]]), [{ op: 'normalize', mode: 'standard' }]);
    expect([...standard.data]).toEqual([-1, 1]);
  });

  it('crops a window and names the sizes when it does not fit', () => {
    expect(applyTransforms(ramp, [{ op: 'crop', top: 1, left: 1, height: 1, width: 2 }]).toArray()).toEqual([
      [[5, 6]],
    ]);
    expect(() => applyTransforms(ramp, [{ op: 'crop', top: 1, left: 0, height: 2, width: 2 }])).toThrow(
      'crop: window 2×2 at (1, 0) does not fit in the 2×3 image',
    );
  });

  it('applies transforms in the order listed', () => {
    const cropThenShift = applyTransforms(ramp, [
      { op: 'crop', top: 0, left: 0, height: 1, width: 3 },
      { op: 'shift', dx: 1, dy: 0 },
    ]);
    expect(cropThenShift.toArray()).toEqual([[[0, 1, 2]]]);
  });
});

import { describe, expect, it } from 'vitest';
import { describeArithmetic } from './describe-arithmetic';

describe('describeArithmetic', () => {
  it('states a dilated same-padded conv as in the lecture', () => {
    const text = describeArithmetic({
      input: [32, 32],
      kernel: [3, 3],
      dilation: [2, 2],
      stride: [1, 1],
      pads: { top: 2, bottom: 2, left: 2, right: 2 },
      output: [32, 32],
      window: 'kernel',
    });
    expect(text).toBe('input 32×32, kernel 3×3 dilated 5×5, padding 2+2, stride 1 → output 32×32');
  });

  it('spells out uneven padding and non-square strides', () => {
    const text = describeArithmetic({
      input: [3, 4],
      kernel: [2, 2],
      dilation: [1, 1],
      stride: [1, 2],
      pads: { top: 0, bottom: 1, left: 0, right: 0 },
      output: [3, 2],
      window: 'window',
    });
    expect(text).toBe('input 3×4, window 2×2, padding 0+1 rows, 0+0 columns, stride 1×2 → output 3×2');
  });
});

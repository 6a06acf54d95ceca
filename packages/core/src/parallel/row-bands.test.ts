import { describe, expect, it } from 'vitest';
import { planWindow } from '../conv-options';
import { planRowBands } from './row-bands';

describe('planRowBands', () => {
  it('gives each band the input rows its outputs read, and the zero rows beyond the input', () => {
    // 10 rows, 3×3 kernel, 'same': pads 1 above and below; 10 output rows in two bands of 5.
    const plan = planWindow('conv2d', 'kernel', [10, 10], [3, 3], { padding: 'same' });
    expect(planRowBands(plan, 10, 3, 2)).toEqual([
      { start: 0, end: 5, firstRow: 0, lastRow: 6, padTop: 1, padBottom: 0 },
      { start: 5, end: 10, firstRow: 4, lastRow: 10, padTop: 0, padBottom: 1 },
    ]);
  });

  it('follows stride and dilation: output row r starts at padded row r·stride', () => {
    // 9 rows, 3×3 kernel dilated 2 (reach 5), stride 2, 'valid': output rows 0–2, read padded rows 0–8.
    const plan = planWindow('conv2d', 'kernel', [9, 9], [3, 3], { stride: 2, dilation: 2 });
    expect(plan.outHeight).toBe(3);
    expect(planRowBands(plan, 9, 3, 2)).toEqual([
      { start: 0, end: 1, firstRow: 0, lastRow: 5, padTop: 0, padBottom: 0 },
      { start: 1, end: 3, firstRow: 2, lastRow: 9, padTop: 0, padBottom: 0 },
    ]);
  });

  it('refuses a split in which a band would hold padding only', () => {
    // One input row, 5 zero rows either side, 1×1 kernel: output rows 0–4 see nothing but padding.
    const plan = planWindow('conv2d', 'kernel', [1, 6], [1, 1], { padding: 5 });
    expect(planRowBands(plan, 1, 1, 2)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { ConvGeometry, PoolGeometry } from './kernels';
import { referenceKernels } from './reference-kernels';

// One channel of 0..19 laid out 4×5; a 2×2 kernel with dilation [1, 2] and stride [2, 1] reads
// x[y·2][x] , x[y·2][x+2], x[y·2+1][x], x[y·2+1][x+2] → 2 × 2 outputs.
const x = Float32Array.from({ length: 20 }, (_, i) => i);
const conv: ConvGeometry = {
  channels: 1,
  height: 4,
  width: 5,
  outChannels: 1,
  kernelHeight: 2,
  kernelWidth: 2,
  strideY: 2,
  strideX: 1,
  dilationY: 1,
  dilationX: 2,
  outHeight: 2,
  outWidth: 3,
};

describe('reference kernels on raw buffers', () => {
  it('convForward follows the formula in kernels.ts, bias included', () => {
    const out = new Float32Array(6).fill(Number.NaN); // overwritten, not accumulated
    referenceKernels.convForward(x, Float32Array.of(1, 10, 100, 1000), Float32Array.of(0.5), conv, out);
    // out[0][0] = 1·0 + 10·2 + 100·5 + 1000·7 = 7520; +1111 per column, +2·5·1111 per output row.
    expect([...out]).toEqual([7520.5, 8631.5, 9742.5, 18630.5, 19741.5, 20852.5]);
  });

  it('the backward loops scatter along the same taps', () => {
    const gradOut = Float32Array.of(1, 0, 0, 0, 0, 2);
    const dx = new Float32Array(20).fill(7); // zeroed first
    referenceKernels.convBackwardInput(gradOut, Float32Array.of(1, 10, 100, 1000), conv, dx);
    const expected = new Float32Array(20);
    for (const [cell, value] of [
      [0, 1],
      [2, 10],
      [5, 100],
      [7, 1000],
      [12, 2],
      [14, 20],
      [17, 200],
      [19, 2000],
    ] as const)
      expected[cell] = value;
    expect([...dx]).toEqual([...expected]);
    const dw = new Float32Array(4).fill(7);
    referenceKernels.convBackwardWeights(x, gradOut, conv, dw);
    expect([...dw]).toEqual([0 + 2 * 12, 2 + 2 * 14, 5 + 2 * 17, 7 + 2 * 19]);
  });

  it('maxPool records the flat index of the first maximum; sumPool sums each window', () => {
    const pool: PoolGeometry = {
      channels: 1,
      height: 2,
      width: 4,
      sizeY: 2,
      sizeX: 2,
      strideY: 2,
      strideX: 2,
      outHeight: 1,
      outWidth: 2,
    };
    const input = Float32Array.of(3, 9, 1, 1, 9, 0, 1, Number.NEGATIVE_INFINITY);
    const out = new Float32Array(2);
    const argmax = new Int32Array(2);
    referenceKernels.maxPool(input, pool, out, argmax);
    expect([...out, ...argmax]).toEqual([9, 1, 1, 2]);
    referenceKernels.sumPool(Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8), pool, out);
    expect([...out]).toEqual([1 + 2 + 5 + 6, 3 + 4 + 7 + 8]);
  });
});

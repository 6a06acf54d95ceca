import { describe, expect, it } from 'vitest';
import { kernelCell } from './kernel-cell';
import { rounded, runKind, tensorOf } from './run-kind.test-helper';

describe('kernel cell', () => {
  it('turns a [kh][kw] literal into a one-kernel, one-channel bank with its bias', async () => {
    const value = await runKind(kernelCell, {
      values: [
        [1, -1],
        [2, 0],
      ],
      bias: [0.5],
    });
    expect(value.type === 'kernel' && value.weights.shape).toEqual([1, 1, 2, 2]);
    expect(tensorOf(value).toArray()).toEqual([
      [
        [
          [1, -1],
          [2, 0],
        ],
      ],
    ]);
    expect(value.type === 'kernel' && Array.from(value.bias)).toEqual([0.5]);
  });

  it('keeps an [O][C][kh][kw] literal and defaults the bias to zeros', async () => {
    const values = [
      [[[1]], [[2]]],
      [[[3]], [[4]]],
      [[[5]], [[6]]],
    ];
    const value = await runKind(kernelCell, { values });
    expect(tensorOf(value).shape).toEqual([3, 2, 1, 1]);
    expect(value.type === 'kernel' && Array.from(value.bias)).toEqual([0, 0, 0]);
  });

  it('builds presets, gaussians and seeded random banks', async () => {
    expect(tensorOf(await runKind(kernelCell, { preset: 'sobel-x' })).toArray()).toEqual([
      [
        [
          [-1, 0, 1],
          [-2, 0, 2],
          [-1, 0, 1],
        ],
      ],
    ]);
    // A 3-tap gaussian with sigma 1: weights e^{-1/2}, 1, e^{-1/2} over their sum, outer product.
    const edge = Math.exp(-0.5) / (1 + 2 * Math.exp(-0.5));
    const centre = 1 / (1 + 2 * Math.exp(-0.5));
    const gauss = tensorOf(await runKind(kernelCell, { gaussian: { size: 3, sigma: 1 } }));
    expect(rounded(gauss)).toEqual(
      rounded(
        tensorOf(
          await runKind(kernelCell, {
            values: [
              [edge * edge, edge * centre, edge * edge],
              [edge * centre, centre * centre, edge * centre],
              [edge * edge, edge * centre, edge * edge],
            ],
          }),
        ),
      ),
    );
    const a = tensorOf(await runKind(kernelCell, { random: { shape: [2, 3, 3, 3], seed: 1 } }));
    const b = tensorOf(await runKind(kernelCell, { random: { shape: [2, 3, 3, 3], seed: 1 } }));
    expect(a.shape).toEqual([2, 3, 3, 3]);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it('needs exactly one weight source', async () => {
    await expect(runKind(kernelCell, { preset: 'sharpen', gaussian: { size: 3, sigma: 1 } })).rejects.toThrow(
      'params: needs exactly one of values, preset, gaussian, random; got preset and gaussian',
    );
    await expect(runKind(kernelCell, { preset: 'nope' })).rejects.toThrow('params.preset: must be one of');
  });
});

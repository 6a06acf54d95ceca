import { Tensor, tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { kernelCell } from '../kinds/kernel-cell';
import { runKind } from '../kinds/run-kind.test-helper';
import {
  bankShapeOf,
  checkBankShape,
  filterOf,
  kernelParamsPatch,
  replaceFilter,
  resizeKernelBank,
} from './resize-kernel-bank';

const sobelX = {
  weights: tensor([
    [
      [
        [-1, 0, 1],
        [-2, 0, 2],
        [-1, 0, 1],
      ],
    ],
  ]),
  bias: Float32Array.of(0.5),
};

/** Shallow merge with `undefined` deleting a key, as a cell-params-change edit does. */
function merge(
  params: Record<string, unknown>,
  patch: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...params, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete out[key];
  return out;
}

describe('resizeKernelBank', () => {
  it('shrinks a 3×3 kernel to 2×2 keeping the top-left weights and the bias', () => {
    const small = resizeKernelBank(sobelX, { kernels: 1, channels: 1, rows: 2, columns: 2 });
    expect(small.weights.toArray()).toEqual([
      [
        [
          [-1, 0],
          [-2, 0],
        ],
      ],
    ]);
    expect(Array.from(small.bias)).toEqual([0.5]);
  });

  it('grows a bank with zero weights, zero channels and new kernels of bias 0', () => {
    const big = resizeKernelBank(sobelX, { kernels: 2, channels: 2, rows: 3, columns: 4 });
    expect(bankShapeOf(big.weights)).toEqual({ kernels: 2, channels: 2, rows: 3, columns: 4 });
    expect(big.weights.toArray()).toEqual([
      [
        [
          [-1, 0, 1, 0],
          [-2, 0, 2, 0],
          [-1, 0, 1, 0],
        ],
        [
          [0, 0, 0, 0],
          [0, 0, 0, 0],
          [0, 0, 0, 0],
        ],
      ],
      [
        [
          [0, 0, 0, 0],
          [0, 0, 0, 0],
          [0, 0, 0, 0],
        ],
        [
          [0, 0, 0, 0],
          [0, 0, 0, 0],
          [0, 0, 0, 0],
        ],
      ],
    ]);
    expect(Array.from(big.bias)).toEqual([0.5, 0]);
  });

  it('keeps every weight of a round trip that only grows and shrinks back', () => {
    const bank = {
      weights: new Tensor(
        [3, 2, 2, 3],
        Float32Array.from({ length: 36 }, (_, i) => i - 17),
      ),
      bias: Float32Array.of(1, 2, 3),
    };
    const there = resizeKernelBank(bank, { kernels: 4, channels: 3, rows: 5, columns: 5 });
    const back = resizeKernelBank(there, bankShapeOf(bank.weights));
    expect(Array.from(back.weights.data)).toEqual(Array.from(bank.weights.data));
    expect(Array.from(back.bias)).toEqual([1, 2, 3]);
  });

  it('refuses shapes outside the limits, in plain words', () => {
    expect(checkBankShape({ kernels: 0, channels: 1, rows: 2.5, columns: 65 })).toEqual([
      'Kernels must be a whole number from 1 to 256 — got 0',
      'Rows must be a whole number from 1 to 64 — got 2.5',
      'Columns must be a whole number from 1 to 64 — got 65',
    ]);
    expect(checkBankShape({ kernels: 256, channels: 64, rows: 64, columns: 64 })[0]).toMatch(
      /^67108864 weights is more than the 1048576 a bank may hold/,
    );
    expect(() => resizeKernelBank(sobelX, { kernels: 1, channels: 1, rows: 0, columns: 2 })).toThrow(
      RangeError,
    );
  });
});

describe('kernelParamsPatch', () => {
  it('turns a preset into typed-in values the kernel cell accepts and computes unchanged', async () => {
    const params = merge({ preset: 'sobel-x', bias: [0.5] }, kernelParamsPatch(sobelX));
    expect(params).toEqual({
      values: [
        [-1, 0, 1],
        [-2, 0, 2],
        [-1, 0, 1],
      ],
      bias: [0.5],
    });
    const value = await runKind(kernelCell, params);
    expect(value.type === 'kernel' && value.weights.toArray()).toEqual(sobelX.weights.toArray());
  });

  it('writes a bank of two as [O][C][kh][kw] with one bias each', async () => {
    const bank = resizeKernelBank(sobelX, { kernels: 2, channels: 1, rows: 2, columns: 2 });
    const params = merge({ gaussian: { size: 3, sigma: 1 } }, kernelParamsPatch(bank));
    expect(params).toEqual({
      values: [
        [
          [
            [-1, 0],
            [-2, 0],
          ],
        ],
        [
          [
            [0, 0],
            [0, 0],
          ],
        ],
      ],
      bias: [0.5, 0],
    });
    expect(kernelCell.parseParams(params, '')).toHaveProperty('params');
  });

  it('drops an all-zero bias rather than writing [0, 0]', () => {
    const patch = kernelParamsPatch({ weights: new Tensor([2, 1, 1, 1]), bias: new Float32Array(2) });
    expect(patch.bias).toBeUndefined();
  });
});

describe('one filter at a time', () => {
  it('reads and replaces one filter of a bank, leaving the others', () => {
    const bank = resizeKernelBank(sobelX, { kernels: 2, channels: 1, rows: 3, columns: 3 });
    expect(filterOf(bank, 0)).toEqual([
      [
        [-1, 0, 1],
        [-2, 0, 2],
        [-1, 0, 1],
      ],
    ]);
    const edited = replaceFilter(bank, 1, [
      [
        [1, 1, 1],
        [0, 0, 0],
        [-1, -1, -1],
      ],
    ]);
    expect(filterOf(edited, 1)).toEqual([
      [
        [1, 1, 1],
        [0, 0, 0],
        [-1, -1, -1],
      ],
    ]);
    expect(filterOf(edited, 0)).toEqual(filterOf(bank, 0));
    expect(() => replaceFilter(bank, 1, [[[1, 1]]])).toThrow('filter 2 must be 1×3×3');
    expect(() => filterOf(bank, 2)).toThrow('kernel 3 does not exist (the bank has 2)');
  });
});

import { describe, expect, it } from 'vitest';
import {
  gridFromValues,
  hiddenDigits,
  roundWeight,
  valuesFromGrid,
  weightLabel,
  withBias,
  withWeight,
} from './kernel-grid';

describe('kernel grid', () => {
  it('reads a 2-D literal as one kernel on one channel and writes it back as 2-D', () => {
    const grid = gridFromValues(
      [
        [1, -1],
        [2, 0],
      ],
      [0.5],
    );
    expect(grid).toEqual({ shape: [1, 1, 2, 2], weights: [1, -1, 2, 0], bias: [0.5] });
    expect(valuesFromGrid(withWeight(grid!, 3, 0.123456))).toEqual([
      [1, -1],
      [2, 0.1235],
    ]);
  });

  it('reads a bank [O][C][kh][kw] with missing bias as zeros and keeps the bank form', () => {
    const bank = [
      [[[1]], [[2]]],
      [[[3]], [[4]]],
    ];
    const grid = gridFromValues(bank, undefined);
    expect(grid?.shape).toEqual([2, 2, 1, 1]);
    expect(grid?.bias).toEqual([0, 0]);
    expect(valuesFromGrid(withBias(grid!, 1, 2))).toEqual(bank);
    expect(withBias(grid!, 1, 2).bias).toEqual([0, 2]);
  });

  it('rejects ragged literals', () => {
    expect(gridFromValues([[1, 2], [3]], undefined)).toBeUndefined();
  });

  it('names weights 1-based, with kernel and channel only for banks', () => {
    expect(weightLabel([1, 1, 3, 3], 0, 0, 0, 2)).toBe('weight row 1, column 3');
    expect(weightLabel([2, 3, 3, 3], 1, 2, 0, 0)).toBe('kernel 2, channel 3, weight row 1, column 1');
  });

  it('rounds to 4 decimals, and leaves alone numbers too big to have such decimals', () => {
    expect(roundWeight(0.123456789)).toBe(0.1235);
    expect(roundWeight(-2.00006)).toBe(-2.0001);
    expect(roundWeight(3.4e38)).toBe(3.4e38);
    expect(roundWeight(1e16 + 2)).toBe(1e16 + 2);
  });

  it('gives the stored value when the field, showing 4 decimals, hides some of its digits', () => {
    expect(hiddenDigits(0.5, false)).toBeUndefined();
    expect(hiddenDigits(0.123456789123, false)).toBe('0.123456789123');
    // A computed bank holds float32: 0.1 is 0.10000000149011612 there, which the field shows in full.
    expect(hiddenDigits(Math.fround(0.1), true)).toBeUndefined();
    // 0.123456 is 0.12345600128173828 in float32: written back as the shortest text that gives it.
    expect(hiddenDigits(Math.fround(0.123456), true)).toBe('0.123456');
    expect(hiddenDigits(Math.fround(0.25), true)).toBeUndefined();
  });
});

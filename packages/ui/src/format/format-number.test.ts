import { describe, expect, it } from 'vitest';
import {
  formatAmong,
  formatCount,
  formatMs,
  formatShapeForPeople,
  formatValue,
  largestMagnitude,
  THIN_SPACE,
} from './format-number';

describe('formatCount', () => {
  it('separates thousands with a thin no-break space', () => {
    expect(formatCount(1234567)).toBe(`1${THIN_SPACE}234${THIN_SPACE}567`);
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe(`1${THIN_SPACE}000`);
  });
  it('writes negatives with a true minus and spells out non-finite counts', () => {
    expect(formatCount(-12000)).toBe(`−12${THIN_SPACE}000`);
    expect(formatCount(Number.NaN)).toBe('NaN');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('∞');
  });
});

describe('formatValue', () => {
  it('keeps three significant digits without trailing zeros', () => {
    expect(formatValue(0.123456)).toBe('0.123');
    expect(formatValue(12.5)).toBe('12.5');
    expect(formatValue(2)).toBe('2');
    expect(formatValue(-1.23456)).toBe('−1.23');
    expect(formatValue(0.0625)).toBe('0.0625');
  });
  it('switches to exponent form for tiny and huge magnitudes', () => {
    expect(formatValue(0.000012345)).toBe('1.23e-5');
    expect(formatValue(-0.0000999)).toBe('−9.99e-5');
    expect(formatValue(123456)).toBe('1.23e5');
  });
  it('writes magnitudes from 10⁻⁴ to 10⁻³ as decimals, still to three significant digits', () => {
    expect(formatValue(0.000825)).toBe('0.000825');
    expect(formatValue(-0.00012345)).toBe('−0.000123');
    expect(formatValue(0.0001)).toBe('0.0001');
    expect(formatValue(0.00012345, 5)).toBe('0.00012345');
    expect(formatValue(0.00012346, 4)).toBe('0.0001235');
  });
  it('spells out NaN and infinities', () => {
    expect(formatValue(Number.NaN)).toBe('NaN');
    expect(formatValue(Number.NEGATIVE_INFINITY)).toBe('−∞');
  });
});

describe('formatAmong', () => {
  it('reads float noise beside real values as 0', () => {
    expect(formatAmong(-1.7e-9, 3)).toBe('0');
    expect(formatAmong(2.9e-6, 3)).toBe('0');
  });
  it('keeps small values that are a real part of the scale', () => {
    expect(formatAmong(3.1e-6, 3)).toBe('3.1e-6');
    expect(formatAmong(-0.25, 3)).toBe('−0.25');
    expect(formatAmong(1e-9, 0)).toBe('1e-9');
    expect(formatAmong(Number.NaN, 3)).toBe('NaN');
  });
  it('takes the scale as the largest finite magnitude', () => {
    expect(largestMagnitude([1, -4, Number.NaN, Number.NEGATIVE_INFINITY, 2])).toBe(4);
    expect(largestMagnitude([])).toBe(0);
  });
});

describe('formatMs and formatShapeForPeople', () => {
  it('formats compute times by magnitude', () => {
    expect(formatMs(0.42)).toBe('0.4 ms');
    expect(formatMs(0.01)).toBe('< 0.1 ms');
    expect(formatMs(0)).toBe('< 0.1 ms');
    expect(formatMs(12.4)).toBe('12 ms');
    expect(formatMs(1250)).toBe('1.25 s');
  });
  it('joins a shape with multiplication signs', () => {
    expect(formatShapeForPeople([3, 32, 32])).toBe('3×32×32');
    expect(formatShapeForPeople([])).toBe('scalar');
  });
});

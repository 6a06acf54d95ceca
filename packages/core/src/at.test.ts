import { describe, expect, it } from 'vitest';
import { at } from './at';

describe('at', () => {
  it('reads an item in range, including a stored undefined', () => {
    expect(at(['a', 'b', 'c'], 2)).toBe('c');
    expect(at(new Float32Array([1.5, 2.5]), 0)).toBe(1.5);
    expect(at([undefined, 1], 0)).toBeUndefined();
  });

  it('throws a plain RangeError for an index out of range', () => {
    expect(() => at([1, 2], 2)).toThrow(new RangeError('index 2 is outside a list of 2 items'));
    expect(() => at([1, 2], -1)).toThrow(RangeError);
    expect(() => at([1, 2], 0.5)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { outputLength, type PaddingSpec, resolvePadding } from './output-size';

describe('outputLength and padding', () => {
  it('valid: in − k + 1 at stride 1; dilation widens the kernel', () => {
    expect(outputLength(5, 3, 1, 1, 0, 0)).toBe(3);
    expect(outputLength(7, 3, 1, 2, 0, 0)).toBe(3); // effective kernel 5
    expect(outputLength(7, 3, 2, 1, 0, 0)).toBe(3); // floor(4/2)+1
  });

  it("'same' keeps ceil(in/stride) outputs and puts the odd pad after", () => {
    expect(resolvePadding('t', 'same', [5, 5], [3, 3], [1, 1])).toEqual({
      top: 1,
      bottom: 1,
      left: 1,
      right: 1,
    });
    // in 6, stride 2, k 3: out 3, total pad (3−1)·2 + 3 − 6 = 1 → 0 before, 1 after
    expect(resolvePadding('t', 'same', [6, 6], [3, 3], [2, 2])).toEqual({
      top: 0,
      bottom: 1,
      left: 0,
      right: 1,
    });
    // k 4 at stride 1: total 3 → 1 before, 2 after
    expect(resolvePadding('t', 'same', [8, 8], [4, 4], [1, 1])).toEqual({
      top: 1,
      bottom: 2,
      left: 1,
      right: 2,
    });
  });

  it("'full' pads effective kernel − 1 on every side; numbers mean symmetric / per-axis / per-side", () => {
    expect(resolvePadding('t', 'full', [4, 4], [5, 3], [1, 1])).toEqual({
      top: 4,
      bottom: 4,
      left: 2,
      right: 2,
    });
    expect(resolvePadding('t', 2, [4, 4], [3, 3], [1, 1])).toEqual({ top: 2, bottom: 2, left: 2, right: 2 });
    expect(resolvePadding('t', [1, 2], [4, 4], [3, 3], [1, 1])).toEqual({
      top: 1,
      bottom: 1,
      left: 2,
      right: 2,
    });
    expect(resolvePadding('t', [1, 2, 3, 4], [4, 4], [3, 3], [1, 1])).toEqual({
      top: 1,
      bottom: 2,
      left: 3,
      right: 4,
    });
    expect(() => resolvePadding('t', -1, [4, 4], [3, 3], [1, 1])).toThrow(
      't: padding must be an integer >= 0, got -1',
    );
  });

  it('rejects padding shapes the type rules out but JSON can deliver', () => {
    const bad = [1, 2, 3] as unknown as PaddingSpec;
    expect(() => resolvePadding('conv', bad, [4, 4], [3, 3], [1, 1])).toThrow(
      "conv: padding must be 'valid', 'same', 'full', a number, [ph, pw] or [top, bottom, left, right], got [1,2,3]",
    );
    expect(() => resolvePadding('conv', 'half' as unknown as PaddingSpec, [4, 4], [3, 3], [1, 1])).toThrow(
      'got "half"',
    );
  });
});

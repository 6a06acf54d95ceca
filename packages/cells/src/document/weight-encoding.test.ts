import { at } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { decodeWeights, encodeWeights, fromHalf, roundToHalf, toHalf } from './weight-encoding';

describe('float16', () => {
  it('encodes the textbook bit patterns', () => {
    expect(toHalf(1)).toBe(0x3c00);
    expect(toHalf(-2)).toBe(0xc000);
    expect(toHalf(65504)).toBe(0x7bff);
    expect(toHalf(1e6)).toBe(0x7bff); // saturates instead of becoming ∞
    expect(toHalf(Number.NEGATIVE_INFINITY)).toBe(0xfc00);
    expect(toHalf(2 ** -24)).toBe(0x0001);
    expect(toHalf(0.1)).toBe(0x2e66);
    expect(fromHalf(0x2e66)).toBeCloseTo(0.0999755859375, 12);
    expect(Number.isNaN(fromHalf(toHalf(Number.NaN)))).toBe(true);
  });

  it('rounds to nearest even at the halfway point', () => {
    // 1 + 2^-11 is exactly between 1 and the next half (1 + 2^-10): ties go to the even mantissa, 1.
    expect(fromHalf(toHalf(1 + 2 ** -11))).toBe(1);
    expect(fromHalf(toHalf(1 + 3 * 2 ** -11))).toBe(1 + 2 * 2 ** -10);
  });

  it('every half value survives f16 → f32 → f16 unchanged', () => {
    for (let bits = 0; bits < 0x7c00; bits += 7) expect(toHalf(fromHalf(bits))).toBe(bits);
  });
});

describe('encodeWeights / decodeWeights', () => {
  const values = Float32Array.of(0.5, -0.123456, 3.75, 1e-3);

  it('f32 round-trips exactly, f16 to within its precision, and rounded values exactly', () => {
    expect(decodeWeights(encodeWeights(values, 'f32'), 4)).toEqual(values);
    const half = decodeWeights(encodeWeights(values), 4);
    for (let i = 0; i < 4; i++) expect(half[i]).toBeCloseTo(at(values, i), 3);
    const rounded = values.slice();
    roundToHalf(rounded);
    expect(decodeWeights(encodeWeights(rounded), 4)).toEqual(rounded);
  });

  it('takes 2 bytes per weight in f16: 6,000 weights are 16 kB of text', () => {
    expect(encodeWeights(new Float32Array(6000)).length).toBe(4 + 16000);
  });

  it('says what is wrong with a damaged string', () => {
    expect(() => decodeWeights('abc', 1)).toThrow(/"f16:" or "f32:"/);
    expect(() => decodeWeights(encodeWeights(values), 5)).toThrow(/holds 4 weights but the shape needs 5/);
  });
});

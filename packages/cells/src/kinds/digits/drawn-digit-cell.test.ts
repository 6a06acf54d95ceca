import { at } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { runKind, tensorOf } from '../run-kind.test-helper';
import { decodeDigitPixels, drawnDigitCell, encodeDigitPixels } from './drawn-digit-cell';

describe('drawn digit cell', () => {
  it('is a blank [1, 28, 28] picture until something is drawn', async () => {
    const value = tensorOf(await runKind(drawnDigitCell, {}));
    expect(value.shape).toEqual([1, 28, 28]);
    expect(value.data.every((v) => v === 0)).toBe(true);
  });

  it('round-trips a drawing through its base64 bytes (to 1/255)', async () => {
    const image = new Float32Array(784).map((_, i) => (i % 29) / 28);
    const value = tensorOf(await runKind(drawnDigitCell, { pixels: encodeDigitPixels(image) }));
    for (let i = 0; i < 784; i++)
      expect(Math.abs(at(value.data, i) - at(image, i))).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
  });

  it('names the field when the pixels are not a 28×28 drawing', () => {
    expect(() => decodeDigitPixels(btoa('abc'))).toThrow(/holds 3 bytes; a 28×28 digit needs 784/);
    const parsed = drawnDigitCell.parseParams({ pixels: '***' }, 'params');
    expect('problems' in parsed && parsed.problems[0]).toEqual({
      path: 'params.pixels',
      message: 'is not base64',
    });
  });
});

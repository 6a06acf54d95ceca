import { at } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { preprocessDigit } from './preprocess-digit';

function canvas(width: number, height: number, ink: (x: number, y: number) => boolean): Float32Array {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = ink(x, y) ? 1 : 0;
  return data;
}

function bounds(image: Float32Array) {
  let [top, left, bottom, right] = [28, 28, -1, -1];
  let [mass, my, mx] = [0, 0, 0];
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const v = at(image, y * 28 + x);
      if (v <= 0) continue;
      [top, left, bottom, right] = [
        Math.min(top, y),
        Math.min(left, x),
        Math.max(bottom, y),
        Math.max(right, x),
      ];
      mass += v;
      my += v * (y + 0.5);
      mx += v * (x + 0.5);
    }
  }
  return { height: bottom - top + 1, width: right - left + 1, cy: my / mass, cx: mx / mass };
}

describe('preprocessDigit (MNIST style)', () => {
  it('a blank canvas stays blank', () => {
    expect(preprocessDigit(new Float32Array(100 * 100), 100, 100).every((v) => v === 0)).toBe(true);
  });

  it('fits a tall stroke in a corner into 20 rows and moves its mass to the centre', () => {
    // A bar 10 wide and 80 tall in the top-left of a 200×200 canvas.
    const image = preprocessDigit(
      canvas(200, 200, (x, y) => x >= 5 && x < 15 && y >= 10 && y < 90),
      200,
      200,
    );
    const b = bounds(image);
    expect(b.height).toBe(20);
    expect(b.width).toBeGreaterThanOrEqual(2);
    expect(b.width).toBeLessThanOrEqual(3);
    expect(Math.abs(b.cy - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(b.cx - 14)).toBeLessThanOrEqual(1);
  });

  it('scales a small wide blob up so its longer side is 20, keeping the aspect ratio', () => {
    const image = preprocessDigit(
      canvas(50, 50, (x, y) => x >= 40 && x < 50 && y >= 40 && y < 45),
      50,
      50,
    );
    const b = bounds(image);
    expect(b.width).toBe(20);
    expect(b.height).toBe(10);
  });
});

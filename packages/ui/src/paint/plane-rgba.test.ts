import { describe, expect, it } from 'vitest';
import { fitZoom, planeRgba } from './plane-rgba';

describe('planeRgba', () => {
  it('paints gray from min to max and diverging blue–white–red around 0', () => {
    const gray = planeRgba([0, 0.5, 1], 0, 1, 3, { kind: 'gray', min: 0, max: 1 });
    expect(Array.from(gray)).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
    const diverging = planeRgba([-2, 0, 2], 0, 1, 3, { kind: 'diverging', min: -2, max: 2 });
    expect(Array.from(diverging.slice(0, 4))).toEqual([33, 102, 172, 255]);
    expect(Array.from(diverging.slice(4, 8))).toEqual([247, 247, 247, 255]);
    expect(Array.from(diverging.slice(8, 12))).toEqual([178, 24, 43, 255]);
  });

  it('reads a plane at an offset (channel 2 of a map)', () => {
    const rgba = planeRgba([0, 0, 1, 1], 2, 1, 2, { kind: 'gray', min: 0, max: 1 });
    expect(Array.from(rgba)).toEqual([255, 255, 255, 255, 255, 255, 255, 255]);
  });
});

describe('fitZoom', () => {
  it('blows small maps up by whole factors and shrinks big ones to fit', () => {
    expect(fitZoom(2, 3, 240)).toBe(64);
    expect(fitZoom(16, 16, 240)).toBe(15);
    expect(fitZoom(3, 4, 240, 40)).toBe(40);
    expect(fitZoom(480, 100, 240)).toBe(0.5);
  });
});

import { describe, expect, it } from 'vitest';
import { renderSample, sampleNames } from './samples';

describe('renderSample', () => {
  it('draws every sample with values in [0, 1]', () => {
    for (const name of sampleNames) {
      const image = renderSample({ name, size: 16 });
      expect(image.rank).toBe(3);
      expect(Math.min(...image.data)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...image.data)).toBeLessThanOrEqual(1);
    }
  });

  it('gives the shapes each sample promises', () => {
    expect(renderSample({ name: 'checkerboard' }).shape).toEqual([1, 32, 32]);
    expect(renderSample({ name: 'rgb-shapes', size: 32 }).shape).toEqual([3, 32, 32]);
    expect(renderSample({ name: 'signal-peaks', size: 100 }).shape).toEqual([1, 1, 100]);
  });

  it('alternates checkerboard squares of size/8', () => {
    const board = renderSample({ name: 'checkerboard', size: 16 });
    expect([...board.data.subarray(0, 6)]).toEqual([0, 0, 1, 1, 0, 0]);
  });

  it('is reproducible from its seed and differs across seeds', () => {
    const a = renderSample({ name: 'noise', size: 8, seed: 7 });
    expect(renderSample({ name: 'noise', size: 8, seed: 7 }).data).toEqual(a.data);
    expect(renderSample({ name: 'noise', size: 8, seed: 8 }).data).not.toEqual(a.data);
  });

  it('draws the glyph for "1" as its vertical stroke at scale 1', () => {
    // A 7-pixel-tall image holds the 5×7 glyph at scale 1, centred: the stroke is column 2 in rows 1–5.
    const one = renderSample({ name: 'digits', text: '1', size: 7 });
    const column = Array.from({ length: 7 }, (_, y) => one.data[y * 7 + 1 + 2]);
    expect(column).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(one.data[0]).toBe(0);
  });

  it('puts the tallest signal bump in the middle', () => {
    const signal = renderSample({ name: 'signal-peaks', size: 101, seed: 3 });
    const peak = signal.data.indexOf(Math.max(...signal.data));
    expect(Math.abs(peak - 50)).toBeLessThanOrEqual(3);
  });

  it('stripes at angle 0 vary along x only', () => {
    const stripes = renderSample({ name: 'stripes', size: 8, angle: 0 });
    expect(stripes.data.subarray(0, 8)).toEqual(stripes.data.subarray(8, 16));
  });
});

import { describe, expect, it } from 'vitest';
import { formatTick, niceAxis, niceStep } from './chart-axis';

describe('chart axis ticks', () => {
  it('steps by 1, 2 or 5 times a power of ten, the smallest that is at least the raw step', () => {
    expect(niceStep(0.462)).toBe(0.5);
    expect(niceStep(9600)).toBe(10_000);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(2)).toBe(2);
    expect(niceStep(0.1)).toBe(0.1);
    expect(niceStep(0.011)).toBe(0.02);
  });

  it('extends a loss axis up to the tick above its largest loss (2.31 → 2.5)', () => {
    // 2.31 in at most 5 gaps: a raw step of 0.462 rounds up to 0.5; the top tick above 2.31 is 2.5.
    expect(niceAxis(0, 2.31, 5, { extend: true })).toEqual({
      min: 0,
      max: 2.5,
      step: 0.5,
      ticks: [0, 0.5, 1, 1.5, 2, 2.5],
    });
  });

  it('keeps a growing count axis at its end and ticks it at round counts only', () => {
    // 48 000 / 5 = 9600 → steps of 10 000; the axis still ends at 48 000, where the curve ends.
    expect(niceAxis(0, 48_000, 5, { integers: true })).toEqual({
      min: 0,
      max: 48_000,
      step: 10_000,
      ticks: [0, 10_000, 20_000, 30_000, 40_000],
    });
    // Before the first step there is nothing to count: no tick at 0.2 of an example.
    expect(niceAxis(0, 1, 5, { integers: true }).ticks).toEqual([0, 1]);
  });

  it('gives clean decimals, not float noise, on a 0–1 axis', () => {
    expect(niceAxis(0, 1, 5).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceAxis(0, 0.7, 5).ticks).toEqual([0, 0.2, 0.4, 0.6]);
    expect(niceAxis(0, 0.7, 5, { extend: true }).max).toBe(0.8);
  });

  it('falls back to a single tick for an empty range', () => {
    expect(niceAxis(0, 0, 5).ticks).toEqual([0]);
  });

  it('stays a finite 0–1 axis for an infinite or NaN range, and never loops on a huge one', () => {
    expect(niceAxis(0, Number.POSITIVE_INFINITY, 5, { extend: true })).toEqual({
      min: 0,
      max: 1,
      step: 1,
      ticks: [0, 1],
    });
    expect(niceAxis(0, Number.NaN, 5).ticks).toEqual([0, 1]);
    expect(niceAxis(0, 1.7e308, 5, { extend: true }).ticks.length).toBeLessThanOrEqual(7);
  });

  it('labels every tick of an axis with the decimals its step needs', () => {
    expect(formatTick(1, 0.5)).toBe('1.0');
    expect(formatTick(1.5, 0.5)).toBe('1.5');
    expect(formatTick(0.05, 0.05)).toBe('0.05');
    expect(formatTick(20_000, 10_000)).toBe('20\u202f000');
    expect(formatTick(40, 20)).toBe('40');
  });
});

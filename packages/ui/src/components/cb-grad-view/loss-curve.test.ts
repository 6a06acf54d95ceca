import { describe, expect, it } from 'vitest';
import { plotLossCurve } from './loss-curve';

describe('plotLossCurve', () => {
  it('maps the first loss to the top-left and the smallest to the bottom on a linear scale', () => {
    const plot = plotLossCurve([4, 2, 1], 100, 50);
    expect(plot.logScale).toBe(false);
    // span 3: 4 → y 0, 2 → y 33.3, 1 → y 50
    expect(plot.points).toBe('0,0 50,33.3 100,50');
  });

  it('switches to a log scale when the loss falls by more than 100×', () => {
    const plot = plotLossCurve([1000, 10, 0.1], 100, 40);
    expect(plot.logScale).toBe(true);
    // log10: 3, 1, -1 over a span of 4
    expect(plot.points).toBe('0,0 50,20 100,40');
  });

  it('stays linear when asked to, as signals are', () => {
    expect(plotLossCurve([1000, 10, 0.1], 100, 40, false).logScale).toBe(false);
  });

  it('skips non-finite losses and handles an empty curve', () => {
    expect(plotLossCurve([], 10, 10).points).toBe('');
    expect(plotLossCurve([1, Number.NaN, 1], 10, 10).points).toBe('0,5 10,5');
  });
});

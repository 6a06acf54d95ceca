import { describe, expect, it } from 'vitest';
import { probeSample } from './probe-sample';

describe('the sample under the pointer', () => {
  it('is the nearest sample, however wide the plot is drawn', () => {
    // 5 samples at 0, ¼, ½, ¾ and 1 of the width: 0.3 of the way is nearest ¼, the second sample.
    expect(probeSample(0.3, 5)).toBe(1);
    expect(probeSample(0.5, 5)).toBe(2);
    expect(probeSample(0.9, 5)).toBe(4);
  });

  it('stays on the first or last sample at and past the edges', () => {
    expect(probeSample(0, 96)).toBe(0);
    expect(probeSample(1, 96)).toBe(95);
    expect(probeSample(-0.01, 96)).toBe(0);
    expect(probeSample(1.02, 96)).toBe(95);
  });
});

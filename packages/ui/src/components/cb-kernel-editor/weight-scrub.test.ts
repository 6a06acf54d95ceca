import { describe, expect, it } from 'vitest';
import { WeightScrub } from './weight-scrub';

describe('scrubbing a weight', () => {
  it('is a click until the pointer moves 3 pixels, then a scrub for good', () => {
    const scrub = new WeightScrub(4, 100, 0.5);
    expect(scrub.valueAt(102, false)).toBeUndefined();
    expect(scrub.valueAt(98, false)).toBeUndefined();
    expect(scrub.moved).toBe(false);
    expect(scrub.valueAt(103, false)).toBe(0.53);
    expect(scrub.moved).toBe(true);
    // Back inside the dead zone it keeps following the pointer.
    expect(scrub.valueAt(101, false)).toBe(0.51);
    expect(scrub.valueAt(100, false)).toBe(0.5);
    expect(scrub.index).toBe(4);
  });

  it('moves a hundredth per pixel, a tenth with Shift, and lands on hundredths', () => {
    const scrub = new WeightScrub(0, 0, 0.123);
    expect(scrub.valueAt(-50, false)).toBe(-0.38); // 0.123 − 0.5
    expect(scrub.valueAt(10, true)).toBe(1.12); // 0.123 + 1
  });
});

import { describe, expect, it } from 'vitest';
import { createRandom } from './random';

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const seqA = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(seqA);
  });

  it('matches the published mulberry32 output for seed 0', () => {
    // First value of the reference C implementation with seed 0: 0x7a0a3f78... / 2^32 ≈ 0.26642920868471265
    expect(createRandom(0)()).toBeCloseTo(0.26642920868471265, 12);
  });

  it('stays in [0, 1) with a mean near 1/2', () => {
    const random = createRandom(7);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const u = random();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
    }
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
  });

  it('draws gaussians with mean ≈ 0 and variance ≈ 1', () => {
    const random = createRandom(1);
    const n = 20_000;
    const samples = Array.from({ length: n }, () => random.gaussian());
    const mean = samples.reduce((s, x) => s + x, 0) / n;
    const variance = samples.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});

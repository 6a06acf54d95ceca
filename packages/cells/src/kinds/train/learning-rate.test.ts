import { describe, expect, it } from 'vitest';
import { learningRateAt } from './train-loop';

const adam = { optimizer: 'adam', learningRate: 0.01 } as const;

describe('learningRateAt', () => {
  it('warms up linearly over the first tenth, then follows the cosine from the set rate to zero', () => {
    const settings = { optimizer: adam, schedule: 'cosine', warmup: 0.1, plannedSteps: 100 } as const;
    // 10 warm-up steps: step s runs at (s + 1)/10 of the rate.
    expect(learningRateAt(settings, 0)).toBeCloseTo(0.001, 12);
    expect(learningRateAt(settings, 4)).toBeCloseTo(0.005, 12);
    expect(learningRateAt(settings, 9)).toBeCloseTo(0.01, 12);
    // Then the cosine over the other 90 steps: full at step 10, half at step 55, a quarter at step 70.
    expect(learningRateAt(settings, 10)).toBeCloseTo(0.01, 12);
    expect(learningRateAt(settings, 55)).toBeCloseTo(0.005, 12);
    expect(learningRateAt(settings, 70)).toBeCloseTo(0.01 * 0.5 * (1 + Math.cos(Math.PI / 1.5)), 12);
    expect(learningRateAt(settings, 99)).toBeLessThan(0.00001);
  });

  it('without warm-up, cosine starts at the set rate; constant stays there after a warm-up', () => {
    expect(learningRateAt({ optimizer: adam, schedule: 'cosine', warmup: 0, plannedSteps: 100 }, 0)).toBe(
      0.01,
    );
    expect(
      learningRateAt({ optimizer: adam, schedule: 'cosine', warmup: 0, plannedSteps: 100 }, 50),
    ).toBeCloseTo(0.005, 12);
    const constant = { optimizer: adam, schedule: 'constant', warmup: 0.2, plannedSteps: 50 } as const;
    expect(learningRateAt(constant, 4)).toBeCloseTo(0.005, 12);
    expect(learningRateAt(constant, 30)).toBe(0.01);
  });
});

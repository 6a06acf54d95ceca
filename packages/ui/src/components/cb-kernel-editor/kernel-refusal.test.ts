import { describe, expect, it } from 'vitest';
import { kernelFieldName, kernelRefusal } from './kernel-refusal';

describe('kernel refusal', () => {
  it('names the gaussian size field and says the rule in plain words', () => {
    const params = { gaussian: { size: 5, sigma: 1 } };
    expect(kernelRefusal(params, { gaussian: { size: 0, sigma: 1 } }, [1, 1, 5, 5])).toBe(
      'Not applied: gaussian size must be a whole number ≥ 1 — got 0. The kernel is unchanged.',
    );
    expect(kernelRefusal(params, { gaussian: { size: 3, sigma: 1 } }, [1, 1, 5, 5])).toBeUndefined();
  });

  it('names a weight as its field does, counting from 1', () => {
    expect(kernelFieldName('values[0][1]', [1, 1, 2, 2])).toBe('weight row 1, column 2');
    expect(kernelFieldName('values[1][0][2][0]', [2, 1, 3, 3])).toBe(
      'kernel 2, channel 1, weight row 3, column 1',
    );
    expect(kernelFieldName('bias[0]', [1, 1, 2, 2])).toBe('bias');
    expect(kernelFieldName('bias[1]', [2, 1, 2, 2])).toBe('bias 2');
    expect(kernelFieldName('random.seed', [2, 1, 2, 2])).toBe('the seed');
  });

  it('refuses a weight beyond float32 by its field name', () => {
    const params = { values: [[1, 0]] };
    expect(kernelRefusal(params, { values: [[1e39, 0]], bias: [0] }, [1, 1, 1, 2])).toBe(
      'Not applied: weight row 1, column 1 is too large to store: numbers must stay within ±3.4 × 10³⁸ — got 1e+39. The kernel is unchanged.',
    );
  });
});

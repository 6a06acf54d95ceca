import { describe, expect, it } from 'vitest';
import { at } from './at';
import { meanSquaredError, softmaxCrossEntropy } from './losses';
import { type Tensor, tensor } from './tensor';

/** Central differences of a scalar function of the tensor's entries, one entry at a time. */
function numericGradient(f: (x: Tensor) => number, x: Tensor, h = 1e-2): number[] {
  return Array.from(x.data, (_, i) => {
    const plus = tensor(Array.from(x.data), x.shape);
    const minus = tensor(Array.from(x.data), x.shape);
    plus.data[i] = at(plus.data, i) + h;
    minus.data[i] = at(minus.data, i) - h;
    return (f(plus) - f(minus)) / (2 * h);
  });
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 3): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) expect(actual[i]).toBeCloseTo(at(expected, i), digits);
}

describe('meanSquaredError', () => {
  it('the notes-style example: [1, 2] vs [0, 0] → mean 2.5, sum 5', () => {
    const result = meanSquaredError(tensor([1, 2]), tensor([0, 0]));
    expect(result.loss).toBe(2.5);
    expect(Array.from(result.errorMap.data)).toEqual([1, 4]);
    expect(Array.from(result.gradient.data)).toEqual([1, 2]); // 2·(p − t)/2
    const sum = meanSquaredError(tensor([1, 2]), tensor([0, 0]), { reduction: 'sum' });
    expect(sum.loss).toBe(5);
    expect(Array.from(sum.gradient.data)).toEqual([2, 4]);
  });

  for (const reduction of ['mean', 'sum'] as const) {
    it(`${reduction}: gradient matches finite differences on a 2×3 map`, () => {
      const target = tensor([
        [0.5, -1, 2],
        [0, 0.25, -0.75],
      ]);
      const prediction = tensor([
        [1, 0.5, -1],
        [0.3, 0.2, 1.5],
      ]);
      const analytic = meanSquaredError(prediction, target, { reduction }).gradient;
      const numeric = numericGradient((p) => meanSquaredError(p, target, { reduction }).loss, prediction);
      expectClose(analytic.data, numeric);
    });
  }

  it('rejects mismatched shapes, naming both', () => {
    expect(() => meanSquaredError(tensor([1, 2, 3]), tensor([[1, 2, 3]]))).toThrow(
      'meanSquaredError: target shape 1×3 must match the prediction 3',
    );
  });
});

describe('softmaxCrossEntropy', () => {
  it('two equal logits: loss ln 2, probabilities ½', () => {
    const result = softmaxCrossEntropy(tensor([0, 0]), 0);
    expect(result.loss).toBeCloseTo(Math.LN2, 6);
    expectClose(result.probabilities.data, [0.5, 0.5], 6);
    expectClose(result.gradient.data, [-0.5, 0.5], 6);
  });

  it('logits [0, ln 3] give probabilities ¼, ¾; class 1 costs −ln ¾', () => {
    const result = softmaxCrossEntropy(tensor([0, Math.log(3)]), 1);
    expectClose(result.probabilities.data, [0.25, 0.75], 6);
    expect(result.loss).toBeCloseTo(-Math.log(0.75), 6);
  });

  it('huge logits stay finite (log-sum-exp)', () => {
    const result = softmaxCrossEntropy(tensor([1000, 0, -1000]), 1);
    expect(result.loss).toBeCloseTo(1000, 3);
    expect(Number.isFinite(result.loss)).toBe(true);
    expectClose(result.gradient.data, [1, -1, 0], 6);
  });

  it('a probability target equal to a one-hot index gives the same result', () => {
    const logits = tensor([0.2, -1.3, 0.8]);
    const byIndex = softmaxCrossEntropy(logits, 2);
    const byProbability = softmaxCrossEntropy(logits, tensor([0, 0, 1]));
    expect(byProbability.loss).toBeCloseTo(byIndex.loss, 6);
    expectClose(byProbability.gradient.data, byIndex.gradient.data, 6);
  });

  it('[C, H, W] logits: one sample per pixel, classes over axis 0, mean over pixels', () => {
    // 2 classes on a 1×2 image: pixel 0 logits (0, 0), pixel 1 logits (0, ln 3)
    const logits = tensor([[[0, 0]], [[0, Math.log(3)]]]);
    const result = softmaxCrossEntropy(logits, tensor([[0, 1]]));
    expect(result.errorMap.shape).toEqual([1, 2]);
    expectClose(result.errorMap.data, [Math.LN2, -Math.log(0.75)], 6);
    expect(result.loss).toBeCloseTo((Math.LN2 - Math.log(0.75)) / 2, 6);
    const sum = softmaxCrossEntropy(logits, tensor([[0, 1]]), { reduction: 'sum' });
    expect(sum.loss).toBeCloseTo(Math.LN2 - Math.log(0.75), 6);
  });

  for (const reduction of ['mean', 'sum'] as const) {
    it(`${reduction}: gradient matches finite differences, index and soft targets`, () => {
      const logits = tensor([
        [
          [0.3, -0.2],
          [1.1, 0.4],
        ],
        [
          [-0.5, 0.9],
          [0.2, -1.2],
        ],
        [
          [0.8, 0.1],
          [-0.3, 0.6],
        ],
      ]);
      const indices = tensor([
        [2, 0],
        [1, 1],
      ]);
      // Each pixel's column over the three classes sums to 1.
      const soft = tensor([
        [
          [0.2, 0.5],
          [0.1, 0.7],
        ],
        [
          [0.4, 0.25],
          [0.45, 0.15],
        ],
        [
          [0.4, 0.25],
          [0.45, 0.15],
        ],
      ]);
      for (const target of [indices, soft]) {
        const analytic = softmaxCrossEntropy(logits, target, { reduction }).gradient;
        const numeric = numericGradient((l) => softmaxCrossEntropy(l, target, { reduction }).loss, logits);
        expectClose(analytic.data, numeric);
      }
    });
  }

  it('rejects an out-of-range or fractional class index', () => {
    expect(() => softmaxCrossEntropy(tensor([1, 2, 3]), 3)).toThrow(
      'softmaxCrossEntropy: class index 3 at position 0 is out of range for 3 classes',
    );
    expect(() => softmaxCrossEntropy(tensor([[[1, 2]], [[3, 4]]]), tensor([[0, 1.5]]))).toThrow(
      'softmaxCrossEntropy: class index 1.5 at position 1 is out of range for 2 classes',
    );
  });

  it('rejects a target that fits neither layout', () => {
    expect(() => softmaxCrossEntropy(tensor([[[1, 2]], [[3, 4]]]), tensor([0, 1, 1]))).toThrow(
      'softmaxCrossEntropy: target shape 3 matches neither the logits 2×1×2 (probabilities) nor 1×2 (class indices)',
    );
  });
});

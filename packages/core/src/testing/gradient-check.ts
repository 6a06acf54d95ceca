import { expect } from 'vitest';
import { Tensor } from '../tensor';

/**
 * Central-difference gradient of the scalar L(t) = Σ upstream ⊙ f(t) with respect to each entry of `at`.
 * The step is measured after rounding to float32 (x + ε is rarely representable), and L is summed in
 * float64, so for the piecewise-linear ops here the estimate is accurate to float32 rounding of f.
 */
export function numericalGradient(
  f: (t: Tensor) => Tensor,
  at: Tensor,
  upstream: Tensor,
  epsilon = 1e-2,
): Float64Array {
  const loss = (t: Tensor) => {
    const out = f(t).data;
    let sum = 0;
    for (let k = 0; k < out.length; k++) sum += (out[k] ?? 0) * (upstream.data[k] ?? 0);
    return sum;
  };
  const gradient = new Float64Array(at.size);
  for (let k = 0; k < at.size; k++) {
    const value = at.data[k] ?? 0;
    const plus = new Float32Array(at.data);
    const minus = new Float32Array(at.data);
    plus[k] = value + epsilon;
    minus[k] = value - epsilon;
    const step = (plus[k] ?? 0) - (minus[k] ?? 0);
    gradient[k] = (loss(new Tensor(at.shape, plus)) - loss(new Tensor(at.shape, minus))) / step;
  }
  return gradient;
}

/** Element-wise |actual − expected| ≤ tolerance · max(1, |expected|), reporting the first miss. */
export function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance = 1e-3,
): void {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < actual.length; k++) {
    const a = actual[k] ?? 0;
    const e = expected[k] ?? 0;
    if (!(Math.abs(a - e) <= tolerance * Math.max(1, Math.abs(e)))) {
      expect.fail(`entry ${k}: got ${a}, expected ${e} (tolerance ${tolerance})`);
    }
  }
}

/** A tensor of seeded values in [-1, 1), for tests that need arbitrary but reproducible data. */
export function seededTensor(shape: readonly number[], seed: number): Tensor {
  let state = seed >>> 0;
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size);
  for (let k = 0; k < size; k++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[k] = state / 2 ** 31 - 1;
  }
  return new Tensor(shape, data);
}

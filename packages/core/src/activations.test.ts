import { describe, expect, it } from 'vitest';
import {
  type ActivationName,
  activationGradient,
  activationNames,
  applyActivation,
  leakyRelu,
  relu,
  sigmoid,
  tanh,
} from './activations';
import { at } from './at';
import { tensor } from './tensor';

const values = (t: { data: Float32Array }): number[] => Array.from(t.data);

describe('activation forward values', () => {
  it('relu zeroes negatives and keeps positives', () => {
    expect(values(relu(tensor([-2, -0.5, 0, 0.5, 3])))).toEqual([0, 0, 0, 0.5, 3]);
  });

  it('leakyRelu scales negatives by alpha (default 0.01)', () => {
    expect(values(leakyRelu(tensor([-100, 2])))).toEqual([-1, 2]);
    expect(values(leakyRelu(tensor([-4, 2]), 0.25))).toEqual([-1, 2]);
  });

  it('sigmoid is 1/2 at 0, saturates without NaN at ±1000', () => {
    const out = values(sigmoid(tensor([0, 1000, -1000, Math.log(3)])));
    expect(out[0]).toBe(0.5);
    expect(out[1]).toBe(1);
    expect(out[2]).toBe(0);
    expect(out[3]).toBeCloseTo(0.75, 6); // 1 / (1 + 1/3)
  });

  it('tanh matches e^2x identity', () => {
    const x = 0.7;
    const expected = (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1);
    expect(values(tanh(tensor([x])))[0]).toBeCloseTo(expected, 6);
  });

  it('keeps the input shape', () => {
    expect(applyActivation('tanh', tensor([[[1, 2]], [[3, 4]]])).shape).toEqual([2, 1, 2]);
  });
});

describe('activation gradients', () => {
  // Points avoid the kinks at 0, where a finite difference straddles two slopes.
  const points = [-2.3, -0.7, -0.1, 0.2, 0.9, 2.5];
  for (const name of activationNames) {
    it(`${name}: gradient matches a central finite difference`, () => {
      const alpha = 0.1;
      const x = tensor(points);
      const upstream = tensor(points.map((_, i) => 0.5 + i)); // distinct dL/dy per element
      const analytic = values(activationGradient(name, x, upstream, { alpha }));
      const h = 1e-3;
      for (const [i, p] of points.entries()) {
        const plus = at(values(applyActivation(name, tensor([p + h]), { alpha })), 0);
        const minus = at(values(applyActivation(name, tensor([p - h]), { alpha })), 0);
        const numeric = ((plus - minus) / (2 * h)) * at(upstream.data, i);
        expect(analytic[i]).toBeCloseTo(numeric, 2);
      }
    });
  }

  it('relu passes the gradient only where the input was positive', () => {
    const grad = activationGradient('relu', tensor([-1, 2, 0]), tensor([5, 6, 7]));
    expect(values(grad)).toEqual([0, 6, 0]);
  });

  it('rejects an upstream gradient of another shape, naming both shapes', () => {
    expect(() => activationGradient('relu', tensor([1, 2, 3]), tensor([1, 2]))).toThrow(
      'activationGradient: gradOut must match the input shape 3, got 2',
    );
  });

  it('rejects an unknown name', () => {
    expect(() => applyActivation('swish' as ActivationName, tensor([1]))).toThrow(
      "applyActivation: unknown activation 'swish'",
    );
  });
});

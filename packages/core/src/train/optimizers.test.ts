import { describe, expect, it } from 'vitest';
import { optimizerStep, ParameterState } from './optimizers';

const run = (optimizer: 'sgd' | 'momentum' | 'adam', steps: number, weightDecay = 0) => {
  const w = Float32Array.of(1, -2);
  const g = Float32Array.of(0.5, 0.25);
  const state = new ParameterState(2);
  for (let s = 1; s <= steps; s++) {
    optimizerStep(w, g, state, { optimizer, learningRate: 0.1, weightDecay }, s, true);
  }
  return Array.from(w);
};

describe('optimizers, worked by hand', () => {
  it('sgd: w − η(g + λw)', () => {
    // 1 − 0.1·(0.5 + 0.1·1) = 0.94;  −2 − 0.1·(0.25 + 0.1·(−2)) = −2.005
    const [a, b] = run('sgd', 1, 0.1);
    expect(a).toBeCloseTo(0.94, 6);
    expect(b).toBeCloseTo(-2.005, 6);
  });

  it('momentum: v ← μv − ηg, w ← w + v, two steps', () => {
    // v1 = −0.05, w = 0.95; v2 = 0.9·(−0.05) − 0.05 = −0.095, w = 0.855
    expect(run('momentum', 2)[0]).toBeCloseTo(0.855, 6);
  });

  it('adam: the first step moves each weight by η·sign(g), whatever the gradient size', () => {
    const [a, b] = run('adam', 1);
    expect(a).toBeCloseTo(0.9, 5);
    expect(b).toBeCloseTo(-2.1, 5);
  });

  it('adam with a constant gradient keeps moving by about η per step', () => {
    expect(run('adam', 3)[0]).toBeCloseTo(0.7, 4);
  });

  it('weight decay is skipped when the array is a bias', () => {
    const w = Float32Array.of(1);
    optimizerStep(
      w,
      Float32Array.of(0),
      new ParameterState(1),
      { optimizer: 'sgd', learningRate: 0.1, weightDecay: 1 },
      1,
      false,
    );
    expect(w[0]).toBe(1);
  });
});

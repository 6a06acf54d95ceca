import { at, conv2d, createRandom, Tensor, tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { type BackpropChain, forwardChain } from './backprop-chain';
import { trainKernel } from './gradient-descent';

const sobelX = tensor([
  [
    [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ],
  ],
]);

function noiseImage(size: number, seed: number): Tensor {
  const random = createRandom(seed);
  const image = new Tensor([1, size, size]);
  for (let i = 0; i < image.size; i++) image.data[i] = random();
  return image;
}

/** "Which kernel turns this image into that map?" — the map made by Sobel x, the guess starting at zero. */
function sobelProblem(): BackpropChain {
  const input = noiseImage(16, 11);
  return {
    inputCellId: 'img',
    input,
    layers: [
      {
        kind: 'conv',
        cellId: 'c',
        kernelCellId: 'guess',
        weights: new Tensor([1, 1, 3, 3]),
        bias: Float32Array.of(0),
        options: { padding: 'same' },
        activation: 'identity',
      },
    ],
    loss: { loss: 'mse', reduction: 'mean', target: conv2d(input, sobelX, { padding: 'same' }) },
  };
}

describe('trainKernel', () => {
  it('learns Sobel x from an image and its Sobel-x map: the loss falls more than 100×', async () => {
    const result = await trainKernel(sobelProblem(), 'guess', { steps: 300, learningRate: 0.3 });
    const first = at(result.lossCurve, 0);
    const last = result.lossCurve.at(-1) as number;
    expect(result.lossCurve).toHaveLength(301);
    expect(first / last).toBeGreaterThan(100);
    for (const [i, w] of sobelX.data.entries()) expect(result.learnedWeights.data[i]).toBeCloseTo(w, 1);
    expect(Math.abs(at(result.learnedBias, 0))).toBeLessThan(0.05);
  });

  it('reports progress with a growing loss curve and stops when aborted', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const run = trainKernel(
      sobelProblem(),
      'guess',
      { steps: 5000, learningRate: 0.3 },
      {
        signal: controller.signal,
        progress: (done, total, snapshot) => {
          expect(total).toBe(5000);
          expect(snapshot.lossCurve).toHaveLength(done);
          seen.push(done);
          if (seen.length === 2) controller.abort();
        },
      },
    );
    await expect(run).rejects.toThrow();
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBeLessThan(5000);
  });

  it('stops where a too-large learning rate makes the loss blow up, keeping the curve up to there', async () => {
    const result = await trainKernel(sobelProblem(), 'guess', { steps: 400, learningRate: 50 });
    expect(result.diverged?.message).toMatch(
      /the loss became (Infinity|NaN) at step \d+; the learning rate 50 is too large/,
    );
    const step = result.diverged?.step ?? -1;
    expect(step).toBeGreaterThan(0);
    expect(result.lossCurve).toHaveLength(step);
    expect(result.lossCurve.every(Number.isFinite)).toBe(true);
    // It grew on the way: gradient descent with this rate overshoots further at every step.
    expect(result.lossCurve.at(-1)).toBeGreaterThan(result.lossCurve[0] ?? Number.POSITIVE_INFINITY);
    expect(result.learnedGradient).toBeUndefined();
  });

  it('gives the gradient at the learned kernel, equal to finite differences of the loss there', async () => {
    const problem = sobelProblem();
    const result = await trainKernel(problem, 'guess', { steps: 30, learningRate: 0.3 });
    const gradient = result.learnedGradient;
    if (!gradient) throw new Error('expected the gradient at the learned kernel');
    const lossAt = (weights: Float32Array) =>
      forwardChain(
        problem,
        new Map([
          ['guess', { weights: new Tensor(result.learnedWeights.shape, weights), bias: result.learnedBias }],
        ]),
      ).loss;
    const h = 1e-2;
    for (const index of [0, 4, 8]) {
      const plus = Float32Array.from(result.learnedWeights.data);
      const minus = Float32Array.from(result.learnedWeights.data);
      plus[index] = (plus[index] ?? 0) + h;
      minus[index] = (minus[index] ?? 0) - h;
      const numeric = (lossAt(plus) - lossAt(minus)) / (2 * h);
      expect(gradient.data[index]).toBeCloseTo(numeric, 2);
    }
    // And it is not the gradient at the starting guess: training moved the kernel.
    expect(result.lossCurve.at(-1)).toBeLessThan(result.lossCurve[0] ?? 0);
  });

  it('refuses a kernel that no layer of the chain uses', async () => {
    await expect(trainKernel(sobelProblem(), 'other', { steps: 1, learningRate: 0.1 })).rejects.toThrow(
      'train: no conv layer between the image and the loss uses kernel "other"',
    );
  });
});

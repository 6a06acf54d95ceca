import { at, createRandom, Tensor, tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { type BackpropChain, backwardChain, forwardChain } from './backprop-chain';
import type { ConvLayer } from './upstream-layers';

function randomTensor(shape: number[], seed: number, scale = 1): Tensor {
  const random = createRandom(seed);
  const t = new Tensor(shape);
  for (let i = 0; i < t.size; i++) t.data[i] = scale * (2 * random() - 1);
  return t;
}

/** image [2,7,7] → conv 3×3 (tanh, same, reflect) → avg pool 2 → conv 2×2 on 1 channel (sigmoid, stride 1) → MSE. */
function smallChain(): BackpropChain {
  const first: ConvLayer = {
    kind: 'conv',
    cellId: 'c1',
    kernelCellId: 'k1',
    weights: randomTensor([2, 2, 3, 3], 1, 0.5),
    bias: Float32Array.of(0.1, -0.2),
    options: { padding: 'same', paddingMode: 'reflect', flip: true },
    activation: 'tanh',
  };
  const second: ConvLayer = {
    kind: 'conv',
    cellId: 'c2',
    kernelCellId: 'k2',
    // One channel broadcast over the pooled map's two channels.
    weights: randomTensor([1, 1, 2, 2], 2, 0.5),
    bias: Float32Array.of(0.05),
    options: { padding: 'valid' },
    activation: 'sigmoid',
  };
  return {
    inputCellId: 'img',
    input: randomTensor([2, 7, 7], 3),
    layers: [first, { kind: 'pool', cellId: 'p', options: { kind: 'avg', size: 2 } }, second],
    loss: { loss: 'mse', reduction: 'sum', target: randomTensor([1, 2, 2], 4) },
  };
}

/** Central differences of the whole chain's loss, perturbing one number at a time. */
function numericGradient(values: Float32Array, lossAt: () => number, eps = 1e-2): number[] {
  return Array.from(values, (_, i) => {
    const original = at(values, i);
    values[i] = original + eps;
    const plus = lossAt();
    values[i] = original - eps;
    const minus = lossAt();
    values[i] = original;
    return (plus - minus) / (2 * eps);
  });
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 2e-2): void {
  const scale = Math.max(1e-3, ...Array.from(expected, Math.abs));
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(at(actual, i) - at(expected, i)) / scale).toBeLessThan(tolerance);
  }
}

describe('backwardChain', () => {
  it('matches finite differences of the whole chain for the first kernel, its bias and the image', () => {
    const chain = smallChain();
    const first = chain.layers[0] as ConvLayer;
    const lossAt = (): number => forwardChain(chain).loss;
    const backward = backwardChain(chain, forwardChain(chain));
    const k1 = backward.kernels.get('k1');
    expectClose(k1?.weights.data ?? [], numericGradient(first.weights.data, lossAt));
    expectClose(k1?.bias ?? [], numericGradient(first.bias, lossAt));
    expectClose(backward.input.data, numericGradient(chain.input.data, lossAt));
  });

  it('folds the gradient of a broadcast 2-D kernel back to its single channel', () => {
    const chain = smallChain();
    const second = chain.layers[2] as ConvLayer;
    const backward = backwardChain(chain, forwardChain(chain));
    const k2 = backward.kernels.get('k2');
    expect(k2?.weights.shape).toEqual([1, 1, 2, 2]);
    expectClose(
      k2?.weights.data ?? [],
      numericGradient(second.weights.data, () => forwardChain(chain).loss),
    );
  });

  it('sums the gradient of a kernel used by two layers (tied across layers)', () => {
    const shared = randomTensor([1, 1, 3, 3], 5, 0.5);
    const layer = (cellId: string): ConvLayer => ({
      kind: 'conv',
      cellId,
      kernelCellId: 'k',
      weights: shared,
      bias: Float32Array.of(0),
      options: { padding: 'same' },
      activation: 'identity',
    });
    const chain: BackpropChain = {
      inputCellId: 'img',
      input: randomTensor([1, 5, 5], 6),
      layers: [layer('a'), layer('b')],
      loss: { loss: 'mse', reduction: 'mean', target: randomTensor([1, 5, 5], 7) },
    };
    const backward = backwardChain(chain, forwardChain(chain));
    expectClose(
      backward.kernels.get('k')?.weights.data ?? [],
      numericGradient(shared.data, () => forwardChain(chain).loss),
    );
  });

  it('sums dW over every position: a 1×1 kernel on a constant image gets Σ dL/dy · x', () => {
    // y = w·x with x = 2 everywhere (3×3), target 0, MSE sum: dL/dy = 2y = 4w, so dL/dw = 9 · 4w · 2 = 72w.
    const chain: BackpropChain = {
      inputCellId: 'img',
      input: tensor([
        [
          [2, 2, 2],
          [2, 2, 2],
          [2, 2, 2],
        ],
      ]),
      layers: [
        {
          kind: 'conv',
          cellId: 'c',
          kernelCellId: 'k',
          weights: tensor([[[[0.5]]]]),
          bias: Float32Array.of(0),
          options: {},
          activation: 'identity',
        },
      ],
      loss: { loss: 'mse', reduction: 'sum', target: new Tensor([1, 3, 3]) },
    };
    const backward = backwardChain(chain, forwardChain(chain));
    expect(backward.kernels.get('k')?.weights.data[0]).toBeCloseTo(36, 4);
  });
});

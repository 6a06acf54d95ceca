import { tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { renderableTensor, summarizeCell } from './cell-summary';

describe('summarizeCell', () => {
  it('reports shape, min, max and mean of a tensor value, ignoring NaN', () => {
    const state = {
      status: 'ok',
      version: 1,
      ms: 1.23456789,
      value: {
        type: 'tensor',
        tensor: tensor([
          [
            [1, Number.NaN],
            [-3, 5],
          ],
        ]),
      },
    } as const;
    expect(summarizeCell('c', 'conv', state)).toEqual({
      id: 'c',
      kind: 'conv',
      status: 'ok',
      ms: 1.23457,
      shape: [1, 2, 2],
      min: -3,
      max: 5,
      mean: 1,
    });
  });

  it("carries a comparison's readout and its figures", () => {
    const state = {
      status: 'ok',
      version: 1,
      ms: 1,
      value: {
        type: 'tensor',
        tensor: tensor([[[0, 2]]]),
        note: '1 of 2 active units differs (50 %).',
        figures: { changed: 1, active: 2 },
      },
    } as const;
    expect(summarizeCell('c', 'compare', state)).toMatchObject({
      readout: '1 of 2 active units differs (50 %).',
      figures: { changed: 1, active: 2 },
      max: 2,
    });
  });

  it('keeps the error message and the upstream cell of an inherited failure', () => {
    const state = {
      status: 'error',
      version: 2,
      error: { message: 'upstream error in k', upstream: 'k' },
    } as const;
    expect(summarizeCell('c', 'conv', state)).toEqual({
      id: 'c',
      kind: 'conv',
      status: 'error',
      error: 'upstream error in k',
      upstream: 'k',
    });
  });

  it('pictures a kernel by its weights and a loss by its error map; a note has no picture', () => {
    const weights = tensor([[[[1]]]]);
    const errorMap = tensor([[[4]]]);
    expect(renderableTensor({ type: 'kernel', weights, bias: Float32Array.of(0) })).toBe(weights);
    expect(renderableTensor({ type: 'loss', loss: 4, errorMap, gradient: errorMap })).toBe(errorMap);
    expect(renderableTensor({ type: 'note', markdown: '' })).toBeUndefined();
  });
});

describe('summarizeCell for training', () => {
  it('reports the loss before and after gradient descent', () => {
    const weights = tensor([[[[1]]]]);
    const state = {
      status: 'ok',
      version: 1,
      ms: 2,
      value: {
        type: 'grad',
        target: 'kernel',
        gradient: weights,
        training: {
          lossCurve: [8, 2, 0.5],
          learnedWeights: weights,
          learnedBias: Float32Array.of(0),
          steps: 2,
        },
      },
    } as const;
    expect(summarizeCell('g', 'grad', state)).toMatchObject({
      training: { steps: 2, lossBefore: 8, lossAfter: 0.5 },
    });
  });
});

import { Tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { cellValueJson } from './cell-value-json';

describe('cellValueJson', () => {
  it("keeps a tensor cell's shape and data at the top level, with its type and note", () => {
    const json = cellValueJson({
      type: 'tensor',
      tensor: new Tensor([1, 1, 2], new Float32Array([1, Number.NaN])),
      note: 'n',
    });
    expect(json).toEqual({ type: 'tensor', note: 'n', shape: [1, 1, 2], data: [1, null] });
  });

  it('writes a loss, a kernel and a note whole, typed arrays as arrays', () => {
    const errorMap = new Tensor([1, 1, 1], new Float32Array([4]));
    expect(cellValueJson({ type: 'loss', loss: 4, errorMap, gradient: errorMap })).toEqual({
      type: 'loss',
      loss: 4,
      errorMap: { shape: [1, 1, 1], data: [4] },
      gradient: { shape: [1, 1, 1], data: [4] },
    });
    expect(
      cellValueJson({
        type: 'kernel',
        weights: new Tensor([1, 1, 1, 1], new Float32Array([2])),
        bias: new Float32Array([0.5]),
      }),
    ).toEqual({ type: 'kernel', weights: { shape: [1, 1, 1, 1], data: [2] }, bias: [0.5] });
    expect(cellValueJson({ type: 'note', markdown: '**3 peaks**' })).toEqual({
      type: 'note',
      markdown: '**3 peaks**',
    });
  });

  it('writes training results: the loss curve with Infinity as null and the learned kernel', () => {
    const json = cellValueJson({
      type: 'grad',
      target: 'kernel',
      gradient: new Tensor([1, 1, 1, 1], new Float32Array([0])),
      training: {
        lossCurve: [2, Number.POSITIVE_INFINITY],
        learnedWeights: new Tensor([1, 1, 1, 1], new Float32Array([3])),
        learnedBias: new Float32Array([0]),
        steps: 1,
      },
    }) as { training: unknown };
    expect(json.training).toEqual({
      lossCurve: [2, null],
      learnedWeights: { shape: [1, 1, 1, 1], data: [3] },
      learnedBias: [0],
      steps: 1,
    });
  });
});

import { conv2d, Tensor, tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../cell-value';
import type { CellSpec } from '../document/notebook-document';
import { gradCell } from './grad-cell';
import { graphFixture } from './graph-fixture.test-helper';
import { lossCell } from './loss-cell';

const image = tensor([
  [
    [1, 2, 0],
    [0, 1, 3],
    [2, 1, 0],
  ],
]);
const weights = tensor([
  [
    [
      [1, 0],
      [0, -1],
    ],
  ],
]);

/** image 3×3 → conv 2×2 valid (2×2 map) → MSE (sum) against zeros → grad. */
function notebook(gradParams: Record<string, unknown>): {
  cells: CellSpec[];
  values: Record<string, CellValue>;
} {
  const map = conv2d(image, weights);
  const cells: CellSpec[] = [
    {
      id: 'img',
      kind: 'image',
      params: {
        values: [
          [1, 2, 0],
          [0, 1, 3],
          [2, 1, 0],
        ],
      },
    },
    {
      id: 'k',
      kind: 'kernel',
      params: {
        values: [
          [1, 0],
          [0, -1],
        ],
      },
    },
    { id: 'c', kind: 'conv', inputs: { input: 'img', kernel: 'k' } },
    {
      id: 'zeros',
      kind: 'image',
      params: {
        values: [
          [0, 0],
          [0, 0],
        ],
      },
    },
    { id: 'l', kind: 'loss', inputs: { prediction: 'c', target: 'zeros' }, params: { reduction: 'sum' } },
    { id: 'g', kind: 'grad', inputs: { loss: 'l' }, params: gradParams },
  ];
  const values: Record<string, CellValue> = {
    img: { type: 'tensor', tensor: image },
    k: { type: 'kernel', weights, bias: Float32Array.of(0) },
    c: { type: 'tensor', tensor: map },
    zeros: { type: 'tensor', tensor: new Tensor([1, 2, 2]) },
  };
  return { cells, values };
}

async function runGrad(gradParams: Record<string, unknown>): Promise<CellValue> {
  const { cells, values } = notebook(gradParams);
  const fixture = graphFixture(cells, values);
  const loss = await fixture.compute(lossCell, 'l', {
    prediction: values.c as CellValue,
    target: values.zeros as CellValue,
  });
  return fixture.compute(gradCell, 'g', { loss });
}

describe('grad cell', () => {
  // The map is y = [[1−1, 2−3], [0−1, 1−0]] = [[0, −1], [−1, 1]]; with L = Σ y², dL/dy = 2y = [[0, −2], [−2, 2]].
  // dL/dw[i][j] = Σ_positions dL/dy · x[y+i][x+j]: w00 sees [[1,2],[0,1]] → 0 − 4 + 0 + 2 = −2.
  it('computes dW by summing every position, worked by hand', async () => {
    const value = await runGrad({ target: 'kernel', kernelCell: 'k' });
    if (value.type !== 'grad') throw new Error('expected a grad value');
    expect([...value.gradient.data]).toEqual([-2, 4, -4, -8]);
    expect([...(value.biasGradient ?? [])]).toEqual([-2]);
  });

  it('shows one weight’s contribution per position, summing to its gradient', async () => {
    const value = await runGrad({ selectedWeight: [0, 0, 0, 1] });
    if (value.type !== 'grad') throw new Error('expected a grad value');
    // w01 sees [[2, 0], [1, 3]]; times dL/dy [[0, −2], [−2, 2]].
    expect(value.perPosition?.toArray()).toEqual([
      [0, -0],
      [-2, 6],
    ]);
    expect([...(value.perPosition?.data ?? [])].reduce((a, b) => a + b)).toBe(value.gradient.data[1]);
  });

  it('gives dL/dX for target image', async () => {
    const value = await runGrad({ target: 'image' });
    if (value.type !== 'grad') throw new Error('expected a grad value');
    // dX = full correlation of dL/dy with the kernel: x[0][0] only feeds y00 through w00 → 0.
    expect(value.gradient.shape).toEqual([1, 3, 3]);
    expect(value.gradient.toArray()).toEqual([
      [
        [0, -2, 0],
        [-2, 2, 2],
        [0, 2, -2],
      ],
    ]);
  });

  it('learns with train and reports a falling loss curve', async () => {
    const value = await runGrad({ train: { steps: 200, learningRate: 0.03 } });
    if (value.type !== 'grad' || value.training === undefined) throw new Error('expected training');
    const curve = value.training.lossCurve;
    expect(curve[0]).toBe(3);
    expect(curve.at(-1)).toBeLessThan(0.03);
    expect(curve).toHaveLength(201);
  });

  it('stops training when its signal is aborted', async () => {
    const { cells, values } = notebook({ train: { steps: 5000, learningRate: 0.03 } });
    const fixture = graphFixture(cells, values);
    const loss = await fixture.compute(lossCell, 'l', {
      prediction: values.c as CellValue,
      target: values.zeros as CellValue,
    });
    const parsed = gradCell.parseParams(cells[5]?.params, 'params');
    if ('problems' in parsed) throw new Error('bad params');
    const controller = new AbortController();
    controller.abort();
    await expect(
      gradCell.compute({ loss }, parsed.params, fixture.context('g', controller.signal)),
    ).rejects.toThrow(/abort/i);
  });

  it('names the kernel when no layer uses it', async () => {
    await expect(runGrad({ kernelCell: 'zeros' })).rejects.toThrow(
      'no conv layer between "img" and the loss uses kernel "zeros"',
    );
  });

  it('rejects a selected weight outside the bank', async () => {
    await expect(runGrad({ selectedWeight: [0, 0, 2, 0] })).rejects.toThrow(
      'selectedWeight [0, 0, 2, 0] is outside the kernel bank 1×1×2×2',
    );
  });
});

import { tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../cell-value';
import { encodeWeights } from '../document/weight-encoding';
import { denseCell } from './dense-cell';
import { flattenCell } from './flatten-cell';
import { runKind, tensorOf } from './run-kind.test-helper';
import { weightsCell } from './weights-cell';

const kernel = (values: number[][], bias: number[]): CellValue => ({
  type: 'kernel',
  weights: tensor(values),
  bias: Float32Array.from(bias),
});

describe('flatten and dense cells', () => {
  it('flatten lays [C, H, W] out channel by channel, row by row', async () => {
    const out = await runKind(
      flattenCell,
      {},
      {
        input: {
          type: 'tensor',
          tensor: tensor([
            [
              [1, 2],
              [3, 4],
            ],
            [
              [5, 6],
              [7, 8],
            ],
          ]),
        },
      },
    );
    expect(tensorOf(out).shape).toEqual([8]);
    expect(Array.from(tensorOf(out).data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('dense, worked by hand: [1, 2, 3] through W = [[1, 0, −1], [2, 1, 0]] and b = [0.5, −5], with ReLU', async () => {
    const input: CellValue = { type: 'tensor', tensor: tensor([1, 2, 3]) };
    const w = kernel(
      [
        [1, 0, -1],
        [2, 1, 0],
      ],
      [0.5, -5],
    );
    // unit 0: 1 − 3 + 0.5 = −1.5; unit 1: 2 + 2 − 5 = −1
    expect(Array.from(tensorOf(await runKind(denseCell, { units: 2 }, { input, weights: w })).data)).toEqual([
      -1.5, -1,
    ]);
    expect(
      Array.from(
        tensorOf(await runKind(denseCell, { units: 2, activation: 'relu' }, { input, weights: w })).data,
      ),
    ).toEqual([0, 0]);
  });

  it('names the field when the weights do not fit or the layer is too big', async () => {
    const input: CellValue = { type: 'tensor', tensor: tensor([1, 2, 3]) };
    await expect(
      runKind(denseCell, { units: 3 }, { input, weights: kernel([[1, 0, -1]], [0]) }),
    ).rejects.toThrow(/weights: the weights cell is \[1, 3\] but this layer needs \[3, 3\]/);
    const big: CellValue = { type: 'tensor', tensor: tensor(new Array(1000).fill(0), [1000]) };
    await expect(
      runKind(denseCell, { units: 4096 }, { input: big, weights: kernel([[1]], [0]) }),
    ).rejects.toThrow(/units: 4096 units × 1000 inputs is 4096000 weights, over the limit/);
  });
});

describe('weights cell', () => {
  it('starts from seeded He weights with the right spread, the same for the same seed', async () => {
    const a = await runKind(weightsCell, { shape: [16, 8, 5, 5], seed: 4 });
    const b = await runKind(weightsCell, { shape: [16, 8, 5, 5], seed: 4 });
    expect(tensorOf(a).data).toEqual(tensorOf(b).data);
    const data = tensorOf(a).data;
    const std = Math.sqrt(data.reduce((s, v) => s + v * v, 0) / data.length);
    expect(std).toBeCloseTo(Math.sqrt(2 / 200), 2);
  });

  it('Glorot uniform stays inside ±√(6 / (fanIn + fanOut))', async () => {
    const data = tensorOf(await runKind(weightsCell, { shape: [10, 256], init: 'glorot' })).data;
    const limit = Math.sqrt(6 / 266);
    expect(Math.max(...data.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...data.map(Math.abs))).toBeGreaterThan(limit * 0.95);
  });

  it('reads learned weights and bias from base64 and names a field that does not fit its shape', async () => {
    const value = await runKind(weightsCell, {
      shape: [2, 2],
      data: encodeWeights(Float32Array.of(1, 2, 3, 4), 'f32'),
      bias: encodeWeights(Float32Array.of(0.5, -1)),
    });
    expect(Array.from(tensorOf(value).data)).toEqual([1, 2, 3, 4]);
    expect(value.type === 'kernel' && Array.from(value.bias)).toEqual([0.5, -1]);
    const parsed = weightsCell.parseParams(
      { shape: [2, 3], data: encodeWeights(new Float32Array(4)) },
      'params',
    );
    expect('problems' in parsed && parsed.problems[0]?.path).toBe('params.data');
    expect('problems' in parsed && parsed.problems[0]?.message).toMatch(
      /holds 4 weights but the shape needs 6/,
    );
  });
});

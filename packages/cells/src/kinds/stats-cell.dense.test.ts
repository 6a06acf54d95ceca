import { Tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../cell-value';
import type { CellSpec } from '../document/notebook-document';
import { graphFixture } from './graph-fixture.test-helper';
import { statsCell } from './stats-cell';

/**
 * The stats cell on a whole network: conv → pool → flatten → dense → dense, the shape of the digits
 * notebook's network in small. Every expected number is worked out by hand in the comments.
 */
const tensorOf = (shape: number[]): CellValue => ({ type: 'tensor', tensor: new Tensor(shape) });
const weightsOf = (shape: number[]): CellValue => ({
  type: 'kernel',
  weights: new Tensor(shape),
  bias: new Float32Array(shape[0] ?? 1),
});

const cells = (countBias: boolean, hiddenWeights = [5, 32]): CellSpec[] => [
  { id: 'img', kind: 'image', params: { values: [[0]] } },
  { id: 'k', kind: 'weights', params: { shape: [2, 1, 3, 3] } },
  { id: 'conv', kind: 'conv', inputs: { input: 'img', kernel: 'k' }, params: { padding: 'same' } },
  { id: 'pool', kind: 'pool', inputs: { input: 'conv' }, params: { size: 2 } },
  { id: 'flat', kind: 'flatten', inputs: { input: 'pool' } },
  { id: 'w1', kind: 'weights', params: { shape: hiddenWeights } },
  { id: 'hidden', kind: 'dense', inputs: { input: 'flat', weights: 'w1' }, params: { units: 5 } },
  { id: 'w2', kind: 'weights', params: { shape: [3, 5] } },
  { id: 'out', kind: 'dense', inputs: { input: 'hidden', weights: 'w2' }, params: { units: 3 } },
  { id: 's', kind: 'stats', inputs: { of: 'out' }, params: { countBias } },
];

// img [1, 8, 8] → conv 2@3×3 same [2, 8, 8] → max pool 2 [2, 4, 4] → flatten [32] → dense 5 → dense 3.
const values: Record<string, CellValue> = {
  img: tensorOf([1, 8, 8]),
  k: weightsOf([2, 1, 3, 3]),
  conv: tensorOf([2, 8, 8]),
  pool: tensorOf([2, 4, 4]),
  flat: tensorOf([32]),
  w1: weightsOf([5, 32]),
  hidden: tensorOf([5]),
  w2: weightsOf([3, 5]),
  out: tensorOf([3]),
};

async function statsOf(countBias: boolean, graphCells = cells(countBias)) {
  const stats = await graphFixture(graphCells, values).compute(statsCell, 's', {
    of: values.out as CellValue,
  });
  if (stats.type !== 'stats') throw new Error('expected stats');
  return stats;
}

describe('stats cell through flatten and dense cells', () => {
  it('walks back to the image, passing through flatten without a row of its own', async () => {
    const stats = await statsOf(true);
    expect(stats.layers.map((l) => [l.cellId, l.kind, l.outputShape])).toEqual([
      ['conv', 'conv', [2, 8, 8]],
      ['pool', 'pool', [2, 4, 4]],
      ['hidden', 'dense', [5, 1, 1]],
      ['out', 'dense', [3, 1, 1]],
    ]);
    expect(stats.inputShape).toEqual([1, 8, 8]);
  });

  it('without biases a dense layer has exactly one weight per connection', async () => {
    const stats = await statsOf(false);
    const [, , hidden, out] = stats.layers;
    expect([hidden?.weights, hidden?.connections]).toEqual([5 * 32, 5 * 32]);
    expect([out?.weights, out?.connections]).toEqual([3 * 5, 3 * 5]);
    // The conv layer reuses its 2·9 weights at 64 positions each: 18 weights, 2·64·9 connections.
    expect([stats.layers[0]?.weights, stats.layers[0]?.connections]).toEqual([18, 2 * 64 * 9]);
  });

  it('with biases each unit adds one weight and no connection', async () => {
    const stats = await statsOf(true);
    const [conv, , hidden, out] = stats.layers;
    expect([hidden?.weights, hidden?.connections]).toEqual([5 * 32 + 5, 5 * 32]);
    expect([out?.weights, out?.connections]).toEqual([3 * 5 + 3, 3 * 5]);
    expect(stats.totals.weights).toBe(18 + 2 + 165 + 18);
    expect(conv?.weights).toBe(20);
  });

  it('counts a dense layer as one multiply-add per connection forward and two backward', async () => {
    const hidden = (await statsOf(true)).layers[2];
    expect(hidden?.forward).toMatchObject({ multiplyAdds: 160, additions: 5, comparisons: 0 });
    expect(hidden?.backward).toMatchObject({ multiplyAdds: 320, additions: 5 });
  });

  it('gives a dense unit the whole image as its receptive field', async () => {
    // conv 3 (jump 1) → pool 2 (size 4, jump 2) → a 4×4 "kernel" over the pooled plane: 4 + 3·2 = 10 ≥ 8.
    const stats = await statsOf(true);
    expect(stats.layers[2]?.receptiveField.size).toEqual([10, 10]);
  });

  it('keeps the flattened vector out of the memory column: it is the pooled maps, reshaped', async () => {
    const stats = await statsOf(true);
    expect(stats.totals.memoryTraining).toBe(64 + 128 + 32 + 5 + 3);
  });

  it('refuses, naming the layer and field, a dense layer whose weights do not fit its input', async () => {
    const wrong = { ...values, w1: weightsOf([5, 30]) };
    const fixture = graphFixture(cells(true, [5, 30]), wrong);
    await expect(fixture.compute(statsCell, 's', { of: values.out as CellValue })).rejects.toThrow(
      '"hidden".weights: "w1" holds 150 weights but 5 units × 32 inputs need 160',
    );
  });
});

import { Tensor, tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../cell-value';
import type { CellSpec } from '../document/notebook-document';
import { graphFixture } from './graph-fixture.test-helper';
import { statsCell } from './stats-cell';

const kernelValue = (shape: number[]): CellValue => ({
  type: 'kernel',
  weights: new Tensor(shape),
  bias: new Float32Array(shape[0] ?? 1),
});

describe('stats cell', () => {
  it('counts 3 weights and 9 connections for 3 taps over 5 inputs when biases are not counted', async () => {
    const cells: CellSpec[] = [
      { id: 'five', kind: 'image', params: { values: [[1, 3, 2, 5, 4]] } },
      { id: 'taps', kind: 'kernel', params: { values: [[1, 0, -1]] } },
      { id: 'conv', kind: 'conv', inputs: { input: 'five', kernel: 'taps' } },
      { id: 's', kind: 'stats', inputs: { of: 'conv' }, params: { countBias: false } },
    ];
    const fixture = graphFixture(cells, {
      five: { type: 'tensor', tensor: tensor([[[1, 3, 2, 5, 4]]]) },
      taps: kernelValue([1, 1, 1, 3]),
      conv: { type: 'tensor', tensor: new Tensor([1, 1, 3]) },
    });
    const stats = await fixture.compute(statsCell, 's', {
      of: { type: 'tensor', tensor: new Tensor([1, 1, 3]) },
    });
    if (stats.type !== 'stats') throw new Error('expected stats');
    expect(stats.layers).toHaveLength(1);
    expect(stats.layers[0]).toMatchObject({
      cellId: 'conv',
      kind: 'conv',
      units: 3,
      weights: 3,
      connections: 9,
    });
  });

  it('walks conv → pool → conv back to the image, with 10 weights per 3×3 kernel and receptive fields', async () => {
    const cells: CellSpec[] = [
      { id: 'img', kind: 'image', params: { values: [[0]] } },
      { id: 'k', kind: 'kernel', params: { preset: 'sobel-x' } },
      {
        id: 'c1',
        kind: 'conv',
        inputs: { input: 'img', kernel: 'k' },
        params: { padding: 'same', activation: 'relu' },
      },
      { id: 'p', kind: 'pool', inputs: { input: 'c1' }, params: { size: 2 } },
      { id: 'c2', kind: 'conv', inputs: { input: 'p', kernel: 'k' }, params: { padding: 'same' } },
      { id: 's', kind: 'stats', inputs: { of: 'c2' } },
    ];
    const fixture = graphFixture(cells, {
      img: { type: 'tensor', tensor: new Tensor([1, 16, 16]) },
      k: kernelValue([1, 1, 3, 3]),
    });
    const stats = await fixture.compute(statsCell, 's', {
      of: { type: 'tensor', tensor: new Tensor([1, 8, 8]) },
    });
    if (stats.type !== 'stats') throw new Error('expected stats');
    expect(stats.layers.map((l) => [l.cellId, l.weights, l.outputShape])).toEqual([
      ['c1', 10, [1, 16, 16]],
      ['p', 0, [1, 8, 8]],
      ['c2', 10, [1, 8, 8]],
    ]);
    expect(stats.layers.at(-1)?.receptiveField.size).toEqual([8, 8]);
    expect(stats.totals.weights).toBe(20);
  });

  it('counts a 2-D kernel on a colour image as 9 distinct weights but 27 connections per output', async () => {
    const cells: CellSpec[] = [
      { id: 'rgb', kind: 'image', params: { values: [[[0]], [[0]], [[0]]] } },
      { id: 'k', kind: 'kernel', params: { preset: 'sobel-x' } },
      { id: 'c', kind: 'conv', inputs: { input: 'rgb', kernel: 'k' }, params: { padding: 'same' } },
      { id: 's', kind: 'stats', inputs: { of: 'c' }, params: { countBias: false } },
    ];
    const fixture = graphFixture(cells, {
      rgb: { type: 'tensor', tensor: new Tensor([3, 4, 4]) },
      k: kernelValue([1, 1, 3, 3]),
    });
    const stats = await fixture.compute(statsCell, 's', {
      of: { type: 'tensor', tensor: new Tensor([1, 4, 4]) },
    });
    if (stats.type !== 'stats') throw new Error('expected stats');
    expect(stats.layers[0]).toMatchObject({ weights: 9, connections: 16 * 27 });
    expect(stats.totals.weights).toBe(9);
  });

  it("reads the pool cell's kind: an average pool adds and scales, a max pool compares", async () => {
    const cells = (kind: 'max' | 'avg'): CellSpec[] => [
      { id: 'img', kind: 'image', params: { values: [[0]] } },
      { id: 'p', kind: 'pool', inputs: { input: 'img' }, params: { kind, size: 2 } },
      { id: 's', kind: 'stats', inputs: { of: 'p' } },
    ];
    const image: CellValue = { type: 'tensor', tensor: new Tensor([1, 4, 4]) };
    const pooled: CellValue = { type: 'tensor', tensor: new Tensor([1, 2, 2]) };
    const forward = async (kind: 'max' | 'avg') => {
      const stats = await graphFixture(cells(kind), { img: image }).compute(statsCell, 's', { of: pooled });
      if (stats.type !== 'stats') throw new Error('expected stats');
      return stats.layers[0]?.forward;
    };
    // 4 windows of 4 values: 3 comparisons each; or 3 additions and one scaling each.
    expect(await forward('max')).toEqual({
      multiplyAdds: 0,
      comparisons: 12,
      additions: 0,
      multiplications: 0,
    });
    expect(await forward('avg')).toEqual({
      multiplyAdds: 0,
      comparisons: 0,
      additions: 12,
      multiplications: 4,
    });
  });

  it('explains that an image has no layers to count', async () => {
    const cells: CellSpec[] = [
      { id: 'img', kind: 'image', params: { values: [[0]] } },
      { id: 's', kind: 'stats', inputs: { of: 'img' } },
    ];
    const image: CellValue = { type: 'tensor', tensor: new Tensor([1, 1, 1]) };
    const fixture = graphFixture(cells, { img: image });
    await expect(fixture.compute(statsCell, 's', { of: image })).rejects.toThrow(
      '"img" is not a conv, pool or dense cell, so there are no layers to count',
    );
  });
});

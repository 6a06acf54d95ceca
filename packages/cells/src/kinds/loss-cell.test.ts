import { tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { graphFixture } from './graph-fixture.test-helper';
import { lossCell } from './loss-cell';

describe('loss cell', () => {
  it('gives the MSE of [1, 2] against [0, 0] as 2.5 with its error map and gradient', async () => {
    const fixture = graphFixture([{ id: 'l', kind: 'loss', params: {} }], {});
    const value = await fixture.compute(lossCell, 'l', {
      prediction: { type: 'tensor', tensor: tensor([[[1, 2]]]) },
      target: { type: 'tensor', tensor: tensor([[[0, 0]]]) },
    });
    expect(value).toMatchObject({ type: 'loss', loss: 2.5 });
    if (value.type !== 'loss') throw new Error('expected a loss');
    expect([...value.errorMap.data]).toEqual([1, 4]);
    expect([...value.gradient.data]).toEqual([1, 2]);
  });

  it('uses targetClass at every position for cross-entropy', async () => {
    const fixture = graphFixture(
      [{ id: 'l', kind: 'loss', params: { loss: 'cross-entropy', targetClass: 1 } }],
      {},
    );
    // Two classes with equal logits at both positions: p = 1/2, loss per position ln 2.
    const value = await fixture.compute(lossCell, 'l', {
      prediction: { type: 'tensor', tensor: tensor([[[0, 0]], [[0, 0]]]) },
    });
    if (value.type !== 'loss') throw new Error('expected a loss');
    expect(value.loss).toBeCloseTo(Math.LN2, 6);
    expect([...value.gradient.data]).toEqual([0.25, 0.25, -0.25, -0.25]);
  });

  it('reads a one-channel image of class indices as the label map for cross-entropy', async () => {
    const fixture = graphFixture([{ id: 'l', kind: 'loss', params: { loss: 'cross-entropy' } }], {});
    const value = await fixture.compute(lossCell, 'l', {
      prediction: { type: 'tensor', tensor: tensor([[[0, 0]], [[0, 0]]]) },
      target: { type: 'tensor', tensor: tensor([[[1, 0]]]) },
    });
    if (value.type !== 'loss') throw new Error('expected a loss');
    expect(value.loss).toBeCloseTo(Math.LN2, 6);
    expect([...value.gradient.data]).toEqual([0.25, -0.25, -0.25, 0.25]);
  });

  it('asks for a target when neither the input nor targetClass is given', async () => {
    const fixture = graphFixture([{ id: 'l', kind: 'loss', params: {} }], {});
    await expect(
      fixture.compute(lossCell, 'l', { prediction: { type: 'tensor', tensor: tensor([[[1]]]) } }),
    ).rejects.toThrow('needs a target: wire the "target" input or set targetClass');
  });

  it('rejects targetClass with mse at its parameter path', () => {
    expect(lossCell.parseParams({ targetClass: 2 }, 'cells[4].params')).toEqual({
      problems: [
        {
          path: 'cells[4].params.targetClass',
          message: 'only applies to cross-entropy; mse needs a target map',
        },
      ],
    });
  });
});

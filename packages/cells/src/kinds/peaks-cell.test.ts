import { tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { graphFixture } from './graph-fixture.test-helper';
import { peaksCell } from './peaks-cell';

describe('peaks cell', () => {
  it('lists the local maxima of a signal with their values', async () => {
    const fixture = graphFixture([{ id: 'p', kind: 'peaks', params: {} }], {});
    const value = await fixture.compute(peaksCell, 'p', {
      signal: { type: 'tensor', tensor: tensor([[[0, 1, 0, 0.5, 2, 0]]]) },
    });
    expect(value).toEqual({ type: 'note', markdown: '**2 peaks** at 1 (1.00), 4 (2.00)' });
  });

  it('keeps only prominent maxima when asked', async () => {
    const fixture = graphFixture([{ id: 'p', kind: 'peaks', params: { minProminence: 1.5 } }], {});
    const value = await fixture.compute(peaksCell, 'p', {
      signal: { type: 'tensor', tensor: tensor([[[0, 1, 0, 0.5, 2, 0]]]) },
    });
    expect(value).toEqual({ type: 'note', markdown: '**1 peak** at 4 (2.00)' });
  });

  it('refuses a two-dimensional image', async () => {
    const fixture = graphFixture([{ id: 'p', kind: 'peaks', params: {} }], {});
    await expect(
      fixture.compute(peaksCell, 'p', {
        signal: {
          type: 'tensor',
          tensor: tensor([
            [
              [0, 1],
              [1, 0],
            ],
          ]),
        },
      }),
    ).rejects.toThrow('expects a signal of shape 1×1×N, got 1×2×2');
  });
});

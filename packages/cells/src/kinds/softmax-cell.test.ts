import { tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { runKind, tensorOf } from './run-kind.test-helper';
import { softmaxCell } from './softmax-cell';

describe('softmax (probabilities) cell', () => {
  it('worked by hand: scores [0, ln 3] become [1/4, 3/4], and huge scores stay finite', async () => {
    const p = tensorOf(
      await runKind(softmaxCell, {}, { input: { type: 'tensor', tensor: tensor([0, Math.log(3)]) } }),
    );
    expect(p.data[0]).toBeCloseTo(0.25, 6);
    expect(p.data[1]).toBeCloseTo(0.75, 6);
    const big = tensorOf(
      await runKind(softmaxCell, {}, { input: { type: 'tensor', tensor: tensor([1000, 1000]) } }),
    );
    expect(Array.from(big.data)).toEqual([0.5, 0.5]);
  });
});

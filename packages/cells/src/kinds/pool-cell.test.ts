import { describe, expect, it } from 'vitest';
import { poolCell } from './pool-cell';
import { runKind, tensorOf, tensorValue } from './run-kind.test-helper';

const input = tensorValue([
  [1, 2, 5, 0],
  [3, 4, 1, 1],
]);

describe('pool cell', () => {
  it('says in plain words when the window is taller than the input, and how to fix it', async () => {
    // A 3×3 window on the 2×4 input: 3 rows cannot fit in 2; 2p ≥ 3 − 2 gives padding 1.
    await expect(runKind(poolCell, { size: 3 }, { input })).rejects.toThrow(
      'the window (3×3) is taller than the input (2×4, no padding), so there is no position where it fits. ' +
        "To fix it, set Window to at most 2, or set Padding to 'same' or to at least 1.",
    );
  });

  it('keeps the largest value of each window, windows not overlapping by default', async () => {
    expect(tensorOf(await runKind(poolCell, { size: 2 }, { input })).toArray()).toEqual([[[4, 5]]]);
  });

  it('averages each window', async () => {
    expect(tensorOf(await runKind(poolCell, { kind: 'avg', size: 2 }, { input })).toArray()).toEqual([
      [[2.5, 1.75]],
    ]);
  });

  it('takes a separate stride and rectangular windows', async () => {
    const out = tensorOf(await runKind(poolCell, { size: [1, 2], stride: 1 }, { input }));
    expect(out.toArray()).toEqual([
      [
        [2, 5, 5],
        [4, 4, 1],
      ],
    ]);
  });
});

import { Tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { runKind, tensorOf, tensorValue } from './run-kind.test-helper';
import { grownSizeProblem, shiftCell } from './shift-cell';

const ramp = tensorValue([
  [1, 2, 3],
  [4, 5, 6],
]);

describe('shift cell', () => {
  it('moves right with zeros coming in', async () => {
    expect(tensorOf(await runKind(shiftCell, { dx: 1 }, { input: ramp })).toArray()).toEqual([
      [
        [0, 1, 2],
        [0, 4, 5],
      ],
    ]);
  });

  it('wraps round with circular edges', async () => {
    const out = await runKind(shiftCell, { dx: -1, dy: 1, mode: 'circular' }, { input: ramp });
    expect(tensorOf(out).toArray()).toEqual([
      [
        [5, 6, 4],
        [2, 3, 1],
      ],
    ]);
  });

  it('grows the canvas so nothing is cropped, right and left alike', async () => {
    expect(tensorOf(await runKind(shiftCell, { dx: 2, mode: 'grow' }, { input: ramp })).toArray()).toEqual([
      [
        [0, 0, 1, 2, 3],
        [0, 0, 4, 5, 6],
      ],
    ]);
    // Moving left by 1 in a grown canvas: the old frame now starts at column 1, content at column 0.
    const left = tensorOf(await runKind(shiftCell, { dx: -1, dy: 1, mode: 'grow' }, { input: ramp }));
    expect(left.toArray()).toEqual([
      [
        [0, 0, 0, 0],
        [1, 2, 3, 0],
        [4, 5, 6, 0],
      ],
    ]);
  });

  it('shifts every channel of a feature map the same way', async () => {
    const maps = { type: 'tensor' as const, tensor: new Tensor([2, 1, 2], new Float32Array([1, 2, 3, 4])) };
    expect(tensorOf(await runKind(shiftCell, { dx: 1 }, { input: maps })).toArray()).toEqual([
      [[0, 1]],
      [[0, 3]],
    ]);
  });

  it('refuses to grow past the size limit, in words, before allocating', () => {
    expect(grownSizeProblem([3, 3100, 4096], 0, 1000)).toBe(
      'growing the canvas to 4100×4096 would make 50380800 values, the limit is 50331648',
    );
    expect(grownSizeProblem([3, 3000, 4096], 0, 1000)).toBeUndefined();
  });
});

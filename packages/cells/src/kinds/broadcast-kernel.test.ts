import { tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { broadcastKernel } from './broadcast-kernel';

describe('broadcastKernel', () => {
  it('repeats each one-channel kernel over the requested channels', () => {
    const bank = tensor([1, 2, 3, 4], [2, 1, 1, 2]);
    expect(broadcastKernel(bank, 3).toArray()).toEqual([
      [[[1, 2]], [[1, 2]], [[1, 2]]],
      [[[3, 4]], [[3, 4]], [[3, 4]]],
    ]);
  });

  it('returns a matching bank unchanged and names both counts on a mismatch', () => {
    const bank = tensor([1, 2], [1, 2, 1, 1]);
    expect(broadcastKernel(bank, 2)).toBe(bank);
    expect(() => broadcastKernel(bank, 3)).toThrow('conv: kernel 1×2×1×1 has 2 channels but the input has 3');
  });
});

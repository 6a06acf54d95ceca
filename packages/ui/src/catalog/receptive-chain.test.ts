import type { CellValue } from '@convbook/cells';
import { Tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { type ChainCell, receptiveHighlights } from './receptive-chain';

const map = (h: number, w: number): CellValue => ({ type: 'tensor', tensor: new Tensor([1, h, w]) });
const kernel3: CellValue = { type: 'kernel', weights: new Tensor([1, 1, 3, 3]), bias: new Float32Array(1) };

const cells: ChainCell[] = [
  { id: 'img', kind: 'image' },
  { id: 'k', kind: 'kernel' },
  { id: 'c', kind: 'conv', inputs: { input: 'img', kernel: 'k' } },
  { id: 'p', kind: 'pool', inputs: { input: 'c' }, params: { kind: 'max', size: 2 } },
];
const values = new Map<string, CellValue>([
  ['img', map(8, 8)],
  ['k', kernel3],
  ['c', map(6, 6)],
  ['p', map(3, 3)],
]);

describe('receptiveHighlights', () => {
  it('walks a valid 3×3 conv and a 2×2 pool back to the image', () => {
    const highlights = receptiveHighlights(cells, values, 'p', 1, 2);
    // Pool unit (1, 2) covers conv rows 2–3, cols 4–5; through the 3×3 conv that is image rows 2–5, cols 4–7.
    expect(highlights.get('c')).toEqual({ top: 2, left: 4, bottom: 3, right: 5 });
    expect(highlights.get('img')).toEqual({ top: 2, left: 4, bottom: 5, right: 7 });
    expect(highlights.has('p')).toBe(false);
  });

  it('clips the field of a same-padded conv at the border', () => {
    const same: ChainCell[] = [
      cells[0]!,
      cells[1]!,
      { id: 'c', kind: 'conv', inputs: { input: 'img', kernel: 'k' }, params: { padding: 'same' } },
    ];
    const highlights = receptiveHighlights(same, new Map([...values, ['c', map(8, 8)]]), 'c', 0, 0);
    expect(highlights.get('img')).toEqual({ top: 0, left: 0, bottom: 1, right: 1 });
  });

  it('stops when a kernel value is not known yet', () => {
    const partial = new Map(values);
    partial.delete('k');
    expect(receptiveHighlights(cells, partial, 'p', 0, 0).size).toBe(1);
  });
});

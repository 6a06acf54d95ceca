import type { CellSpec, CellValue } from '@convbook/cells';
import { Tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { fieldViewFor } from './field-view';

const image: CellValue = { type: 'tensor', tensor: new Tensor([1, 8, 8]) };
const kernel: CellValue = { type: 'kernel', weights: new Tensor([1, 1, 3, 3]), bias: Float32Array.of(0) };
const cells: CellSpec[] = [
  { id: 'img', kind: 'image', title: 'Letters' },
  { id: 'k', kind: 'kernel' },
  { id: 'c', kind: 'conv', inputs: { input: 'img', kernel: 'k' }, params: { padding: 'valid' } },
  { id: 'p', kind: 'pool', inputs: { input: 'c' }, params: { size: 2 } },
];
const values = new Map<string, CellValue>([
  ['img', image],
  ['k', kernel],
  ['c', { type: 'tensor', tensor: new Tensor([1, 6, 6]) }],
  ['p', { type: 'tensor', tensor: new Tensor([1, 3, 3]) }],
]);

describe('fieldViewFor', () => {
  it('outlines what a pooled unit sees in the image two layers up (2×2 pool of 3×3 conv: 4×4)', () => {
    const view = fieldViewFor(cells, values, 'p', { channel: 0, y: 1, x: 2 });
    expect(view?.label).toBe("'Letters'");
    expect(view?.box).toEqual({ top: 2, left: 4, bottom: 5, right: 7 });
  });

  it('shows nothing extra for a single layer, whose input view already shows the window', () => {
    expect(fieldViewFor(cells, values, 'c', { channel: 0, y: 0, x: 0 })).toBeNull();
  });
});

import { preprocessDigit } from '@convbook/cells';
import { at } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { emptyInk, INK_SIDE, movePen, paintSegment, toGrid } from './ink-grid';

describe('ink grid', () => {
  it('a stroke inks the cells along it and leaves the rest as paper', () => {
    const ink = emptyInk();
    paintSegment(ink, 20, 56, 90, 56, 3);
    expect(ink[56 * INK_SIDE + 50]).toBe(1);
    expect(ink[10 * INK_SIDE + 50]).toBe(0);
    expect(ink[56 * INK_SIDE + 5]).toBe(0);
  });

  it('maps element coordinates onto the grid and moves the keyboard pen inside it', () => {
    expect(toGrid(140, 70, 280, 280)).toEqual([56, 28]);
    expect(movePen([0, 10], 'ArrowLeft')).toEqual([0, 10]);
    expect(movePen([10, 10], 'ArrowDown')).toEqual([10, 14]);
    expect(movePen([10, 10], 'a')).toBeUndefined();
  });

  it('a vertical line drawn near the edge becomes a centred, 20-pixel-tall "1"', () => {
    const ink = emptyInk();
    paintSegment(ink, 15, 10, 15, 60);
    const digit = preprocessDigit(ink, INK_SIDE, INK_SIDE);
    const rows = new Set<number>();
    let massX = 0;
    let mass = 0;
    for (let i = 0; i < 784; i++) {
      const v = at(digit, i);
      if (v <= 0) continue;
      rows.add(Math.floor(i / 28));
      massX += v * ((i % 28) + 0.5);
      mass += v;
    }
    expect(rows.size).toBe(20);
    expect(Math.abs(massX / mass - 14)).toBeLessThanOrEqual(1);
  });
});

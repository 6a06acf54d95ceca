import { type CellValue, explainCellUnit, type UnitIndex } from '@convbook/cells';
import { tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { summaryText } from './describe-unit';
import { gridOf, nextUnit, previousUnit, unitAfterKey } from './step-unit';

const grid: CellValue = {
  type: 'tensor',
  tensor: tensor([
    [
      [1, 2, 0, 1],
      [0, 1, 3, 1],
      [2, 1, 0, 1],
    ],
  ]),
};
const kernel: CellValue = {
  type: 'kernel',
  weights: tensor([
    [
      [
        [1, 0],
        [0, -1],
      ],
    ],
  ]),
  bias: Float32Array.of(0.5),
};

function explain(kind: string, params: Record<string, unknown>, unit: UnitIndex) {
  const result = explainCellUnit({ kind, params }, { input: grid, kernel }, unit);
  if (!result.ok) throw new Error(result.reason);
  return result.breakdown;
}

describe('summaryText', () => {
  it('writes the lecture example out term by term, with bias and activation', () => {
    expect(summaryText(explain('conv', { activation: 'relu' }, { channel: 0, y: 1, x: 2 }))).toBe(
      'Row 2, column 3 of map 1: 3 × 1 + 1 × 0 + 0 × 0 + 1 × (−1) = 2; 2 + bias 0.5 = 2.5; relu(2.5) = 2.5.',
    );
  });

  it('says how many window cells are padding, and that the kernel is flipped', () => {
    expect(summaryText(explain('conv', { padding: 1, flip: true }, { channel: 0, y: 0, x: 0 }))).toBe(
      'Row 1, column 1 of map 1: 0 × (−1) + 0 × 0 + 0 × 0 + 1 × 1 = 1; 1 + bias 0.5 = 1.5. 3 of the 4 window cells are padding (zeros). The kernel is turned 180° (flip).',
    );
  });

  it('explains max and average pooling', () => {
    expect(summaryText(explain('pool', { kind: 'max', size: 2 }, { channel: 0, y: 0, x: 1 }))).toBe(
      'Row 1, column 2 of channel 1: max(0, 1, 3, 1) = 3.',
    );
    expect(
      summaryText(explain('pool', { kind: 'avg', size: 2, padding: 'same' }, { channel: 0, y: 1, x: 0 })),
    ).toBe(
      'Row 2, column 1 of channel 1: (2 + 1) / 2 = 1.5. 2 of the 4 window cells are padding (not counted).',
    );
  });
});

describe('stepping', () => {
  const map = gridOf([2, 2, 3]);
  it('walks in reading order and stops at the ends', () => {
    expect(nextUnit({ channel: 0, y: 0, x: 2 }, map)).toEqual({ channel: 0, y: 1, x: 0 });
    expect(nextUnit({ channel: 0, y: 1, x: 2 }, map)).toBeUndefined();
    expect(previousUnit({ channel: 1, y: 1, x: 0 }, map)).toEqual({ channel: 1, y: 0, x: 2 });
    expect(previousUnit({ channel: 0, y: 0, x: 0 }, map)).toBeUndefined();
  });

  it('moves with arrows, Home/End and PageUp/PageDown, staying on the map', () => {
    const at = { channel: 0, y: 0, x: 1 };
    expect(unitAfterKey(at, { key: 'ArrowRight' }, map)).toEqual({ channel: 0, y: 0, x: 2 });
    expect(unitAfterKey(at, { key: 'ArrowUp' }, map)).toEqual(at);
    expect(unitAfterKey(at, { key: 'ArrowDown', shiftKey: true }, map)).toEqual({ channel: 0, y: 1, x: 1 });
    expect(unitAfterKey(at, { key: 'End' }, map)).toEqual({ channel: 0, y: 0, x: 2 });
    expect(unitAfterKey(at, { key: 'End', ctrlKey: true }, map)).toEqual({ channel: 0, y: 1, x: 2 });
    expect(unitAfterKey(at, { key: 'PageDown' }, map)).toEqual({ channel: 1, y: 0, x: 1 });
    expect(unitAfterKey(at, { key: 'a' }, map)).toBeUndefined();
  });
});

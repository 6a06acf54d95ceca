import { describe, expect, it } from 'vitest';
import type { CellValue } from '../cell-value';
import { compareCell } from './compare-cell';
import { runKind, tensorOf, tensorValue } from './run-kind.test-helper';

const figuresOf = (value: CellValue) => (value.type === 'tensor' ? value.figures : undefined);

describe('compare cell', () => {
  it('gives the difference map and counts the units that changed', async () => {
    const a = tensorValue([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = tensorValue([
      [1, 2, 0],
      [4, 7, 6],
    ]);
    const out = await runKind(compareCell, {}, { a, b });
    expect(tensorOf(out).toArray()).toEqual([
      [
        [0, 0, 3],
        [0, -2, 0],
      ],
    ]);
    expect(figuresOf(out)).toMatchObject({
      units: 6,
      active: 6,
      changed: 2,
      changedFraction: 2 / 6,
      maxInside: 3,
    });
    expect(out.type === 'tensor' && out.note).toBe(
      '2 of 6 active units differ (33.3 %). Largest difference: 3.',
    );
  });

  it('reports the largest difference inside a border apart from the one on it', async () => {
    const zeros = [0, 0, 0, 0];
    const a = tensorValue([zeros, [0, 1, 0, 0], [0, 0, 0, 9], zeros]);
    const b = tensorValue([zeros, zeros, zeros, zeros]);
    const out = await runKind(compareCell, { border: 1 }, { a, b });
    // Only 2 of 16 units are non-zero in either map, and both changed.
    expect(figuresOf(out)).toMatchObject({ active: 2, changed: 2, maxInside: 1, maxAtBorder: 9, border: 1 });
    expect(out.type === 'tensor' && out.note).toBe(
      '2 of 2 active units differ (100 %). Largest difference: 1 away from the edges, 9 within 1 px of an edge.',
    );
  });

  it('says two equal maps are identical, in one plain sentence', async () => {
    const a = tensorValue([
      [0, 1],
      [2, 0],
    ]);
    const out = await runKind(compareCell, { border: 1 }, { a, b: a });
    expect(figuresOf(out)).toMatchObject({ active: 2, changed: 0, maxInside: 0, maxAtBorder: 0 });
    expect(out.type === 'tensor' && out.note).toBe('Identical: no unit differs.');
  });

  it('says when maps agree only within the tolerance, and by how much they differ', async () => {
    // 1 − 0.9999 = 0.0001 (to float32 precision: 0.000100017), within a tolerance of 0.001.
    const a = tensorValue([[1, 0]]);
    const b = tensorValue([[0.9999, 0]]);
    const out = await runKind(compareCell, { tolerance: 0.001 }, { a, b });
    expect(out.type === 'tensor' && out.note).toBe(
      'Identical within the tolerance: no unit differs by more than 0.001 (the largest difference is 0.0001).',
    );
  });

  it('never calls a map with NaN identical: a NaN unit differs, and the largest difference is a number', async () => {
    const a = tensorValue([[1, Number.NaN, 3]]);
    const b = tensorValue([[1, 2, 3]]);
    const out = await runKind(compareCell, {}, { a, b });
    expect(figuresOf(out)).toMatchObject({ changed: 1, notANumber: 1, maxInside: 0 });
    expect(out.type === 'tensor' && out.note).toBe(
      '1 of 3 active units differs (33.3 %). 1 of them is NaN in one of the maps. Largest difference: 0.',
    );
  });

  it('counts one changed unit in the singular', async () => {
    const out = await runKind(compareCell, {}, { a: tensorValue([[1, 2]]), b: tensorValue([[1, 0]]) });
    expect(out.type === 'tensor' && out.note).toBe(
      '1 of 2 active units differs (50 %). Largest difference: 2.',
    );
  });

  it('names both shapes when they differ', async () => {
    await expect(
      runKind(compareCell, {}, { a: tensorValue([[1, 2]]), b: tensorValue([[1], [2]]) }),
    ).rejects.toThrow('needs two maps of the same shape, got 1×1×2 and 1×2×1');
  });
});

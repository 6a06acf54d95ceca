import { at } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { describeEdit } from './describe-edit';

const base = {
  format: 'convbook',
  version: 1,
  title: 'T',
  cells: [
    { id: 'img', kind: 'image', params: { sample: 'checker' } },
    { id: 'k', kind: 'kernel', title: 'Sobel', params: { weights: [[1, 0, -1]], bias: 0 } },
  ],
};
const withCell = (i: number, cell: object) => ({
  ...base,
  cells: base.cells.map((c, j) => (j === i ? cell : c)),
});

describe('describeEdit', () => {
  it('names a single parameter of a single cell', () => {
    const after = withCell(1, {
      ...at(base.cells, 1),
      params: { ...at(base.cells, 1).params, weights: [[2, 0, -1]] },
    });
    expect(describeEdit(base, after)).toBe('k.params.weights');
  });

  it('names a cell title and the notebook title', () => {
    expect(describeEdit(base, withCell(1, { ...base.cells[1], title: 'Prewitt' }))).toBe('k.title');
    expect(describeEdit(base, { ...base, title: 'U' })).toBe('title');
  });

  it('gives structural and multi-field edits no key', () => {
    expect(describeEdit(base, { ...base, cells: [base.cells[1], base.cells[0]] })).toBeUndefined();
    expect(describeEdit(base, { ...base, cells: [base.cells[0]] })).toBeUndefined();
    const twoParams = withCell(1, { ...base.cells[1], params: { weights: [[0]], bias: 1 } });
    expect(describeEdit(base, twoParams)).toBeUndefined();
    expect(describeEdit(base, withCell(1, { ...base.cells[1], id: 'k2' }))).toBeUndefined();
    expect(describeEdit(base, { ...base, title: 'U', cells: [base.cells[0]] })).toBeUndefined();
  });
});

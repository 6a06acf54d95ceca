import { describe, expect, it } from 'vitest';
import { coalesceEdits } from './coalesce-edits';

describe('coalesceEdits', () => {
  it('merges a burst of parameter edits to one cell into one, latest value winning', () => {
    const merged = coalesceEdits([
      { op: 'setParams', id: 'k', patch: { values: [[1]] } },
      { op: 'setParams', id: 'k', patch: { values: [[2]], bias: [0] } },
      { op: 'setParams', id: 'k', patch: { values: [[3]] } },
    ]);
    expect(merged).toEqual([{ op: 'setParams', id: 'k', patch: { values: [[3]], bias: [0] } }]);
  });

  it('keeps edits to other cells and structural edits in order', () => {
    const merged = coalesceEdits([
      { op: 'setParams', id: 'k', patch: { a: 1 } },
      { op: 'removeCell', id: 'x' },
      { op: 'setParams', id: 'k', patch: { a: 2 } },
      { op: 'setParams', id: 'c', patch: { stride: 2 } },
    ]);
    expect(merged.map((e) => e.op)).toEqual(['setParams', 'removeCell', 'setParams', 'setParams']);
  });
});

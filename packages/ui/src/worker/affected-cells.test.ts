import type { NotebookDocument } from '@convbook/cells';
import { describe, expect, it } from 'vitest';
import { cellsAffectedBy } from './affected-cells';

// image → conv ← kernel; conv → loss → grad, and grad trains the kernel (a loop through params only).
const doc: NotebookDocument = {
  format: 'convbook',
  version: 1,
  title: 't',
  cells: [
    { id: 'img', kind: 'image', params: {} },
    { id: 'k', kind: 'kernel', params: {} },
    { id: 'other', kind: 'kernel', params: {} },
    { id: 'conv', kind: 'conv', inputs: { input: 'img', kernel: 'k' } },
    { id: 'loss', kind: 'loss', inputs: { prediction: 'conv', target: 'conv' } },
    { id: 'grad', kind: 'grad', inputs: { loss: 'loss' }, params: { kernelCell: 'other' } },
  ],
};

const sorted = (ids: Set<string>) => [...ids].sort();

describe('cellsAffectedBy', () => {
  it('follows wires downstream of an edited cell, including it', () => {
    expect(sorted(cellsAffectedBy(doc, { op: 'setParams', id: 'k', patch: {} }))).toEqual([
      'conv',
      'grad',
      'k',
      'loss',
    ]);
  });

  it('counts the kernel a grad cell trains as one of its inputs', () => {
    expect(sorted(cellsAffectedBy(doc, { op: 'setParams', id: 'other', patch: {} }))).toEqual([
      'grad',
      'other',
    ]);
  });

  it('leaves out a removed cell but keeps its dependents, and adds an added one', () => {
    expect(sorted(cellsAffectedBy(doc, { op: 'removeCell', id: 'loss' }))).toEqual(['grad']);
    const spec = { id: 'pool', kind: 'pool', inputs: { input: 'conv' } };
    expect(sorted(cellsAffectedBy(doc, { op: 'addCell', spec }))).toEqual(['pool']);
  });

  it('recomputes nothing for a title or a move', () => {
    expect(cellsAffectedBy(doc, { op: 'setTitle', title: 'x' }).size).toBe(0);
    expect(cellsAffectedBy(doc, { op: 'setCellTitle', id: 'k', title: 'x' }).size).toBe(0);
    expect(cellsAffectedBy(doc, { op: 'moveCell', id: 'k', index: 0 }).size).toBe(0);
  });
});

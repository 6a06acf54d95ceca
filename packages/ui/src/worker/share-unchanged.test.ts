import type { NotebookDocument } from '@convbook/cells';
import { describe, expect, it } from 'vitest';
import { sameJson, shareUnchanged } from './share-unchanged';

function lecture(weight: number): NotebookDocument {
  return {
    format: 'convbook',
    version: 1,
    title: 'Edges',
    cells: [
      { id: 'img', kind: 'image', params: { preset: 'checker', size: 8 } },
      { id: 'k', kind: 'kernel', params: { values: [[1, 0, weight]] } },
      { id: 'out', kind: 'conv', inputs: { input: 'img', kernel: 'k' } },
    ],
  };
}

describe('shareUnchanged', () => {
  it('keeps the previous object of every cell whose content is the same, and takes the edited one', () => {
    const before = lecture(-1);
    const next = structuredClone(lecture(2));
    const shared = shareUnchanged(before, next);
    expect(shared.cells[0]).toBe(before.cells[0]);
    expect(shared.cells[1]).toBe(next.cells[1]);
    expect(shared.cells[2]).toBe(before.cells[2]);
    expect(shared.cells[1]?.params).toEqual({ values: [[1, 0, 2]] });
  });

  it('keeps the whole cell list when only the title changed', () => {
    const before = lecture(-1);
    const next = { ...structuredClone(before), title: 'Renamed' };
    const shared = shareUnchanged(before, next);
    expect(shared.cells).toBe(before.cells);
    expect(shared.title).toBe('Renamed');
  });

  it('gives a new list when cells moved, even though each cell object is reused', () => {
    const before = lecture(-1);
    const clone = structuredClone(before);
    const next = { ...clone, cells: [clone.cells[1], clone.cells[0], clone.cells[2]] } as NotebookDocument;
    const shared = shareUnchanged(before, next);
    expect(shared.cells).not.toBe(before.cells);
    expect(shared.cells.map((cell) => cell.id)).toEqual(['k', 'img', 'out']);
    expect(shared.cells[0]).toBe(before.cells[1]);
  });

  it('returns the snapshot itself when there is nothing to share with', () => {
    const next = lecture(0);
    expect(shareUnchanged(undefined, next)).toBe(next);
  });
});

describe('sameJson', () => {
  it('tells nested values apart by content, not identity', () => {
    expect(sameJson({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(sameJson({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJson([1], { 0: 1 })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });

  it('counts a key set to undefined as present, so a cell that gained or lost a key is an edit', () => {
    expect(sameJson({ title: undefined, id: 'a' }, { id: 'a' })).toBe(false);
    expect(sameJson({ id: 'a' }, { id: 'a', title: undefined })).toBe(false);
  });
});

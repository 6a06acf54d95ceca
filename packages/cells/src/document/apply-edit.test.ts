import { describe, expect, it } from 'vitest';
import { applyEdit, cellsToRecompute, sameWiring } from './apply-edit';
import { DocumentError } from './document-error';
import { MAX_CELLS, MAX_TITLE_LENGTH } from './limits';
import type { NotebookDocument } from './notebook-document';
import type { NotebookEdit } from './notebook-edit';

const doc: NotebookDocument = {
  format: 'convbook',
  version: 1,
  title: 'Edges',
  cells: [
    { id: 'img', kind: 'image', params: { sample: 'checker' } },
    { id: 'k', kind: 'kernel', title: 'Sobel', params: { preset: 'sobel-x' } },
    { id: 'c', kind: 'conv', inputs: { input: 'img', kernel: 'k' }, params: { stride: 1 } },
  ],
};

/** The message and path of the DocumentError an edit throws. */
function refusal(edit: NotebookEdit, document = doc): { path: string; message: string } {
  try {
    applyEdit(document, edit);
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentError);
    const [first] = (error as DocumentError).problems;
    return { path: first?.path ?? '', message: first?.message ?? '' };
  }
  throw new Error(`${edit.op} was accepted`);
}

describe('applyEdit', () => {
  it('merges params into one cell and leaves the others (and the input) untouched', () => {
    const before = structuredClone(doc);
    const next = applyEdit(doc, { op: 'setParams', id: 'c', patch: { stride: 2, padding: 1 } });
    expect(next.cells[2]?.params).toEqual({ stride: 2, padding: 1 });
    expect(next.cells[0]).toBe(doc.cells[0]);
    expect(next.cells[1]).toBe(doc.cells[1]);
    expect(doc).toEqual(before);
  });

  it('deletes a param given as undefined and drops a __proto__ key', () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const next = applyEdit(doc, { op: 'setParams', id: 'c', patch: { ...patch, stride: undefined } });
    expect(next.cells[2]?.params).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('returns the same document for an edit that changes nothing', () => {
    expect(applyEdit(doc, { op: 'setParams', id: 'c', patch: { stride: 1 } })).toBe(doc);
    expect(applyEdit(doc, { op: 'setInputs', id: 'c', inputs: { input: 'img' } })).toBe(doc);
    expect(applyEdit(doc, { op: 'setTitle', title: 'Edges' })).toBe(doc);
    expect(applyEdit(doc, { op: 'setCellTitle', id: 'img' })).toBe(doc);
    expect(applyEdit(doc, { op: 'moveCell', id: 'k', index: 1 })).toBe(doc);
  });

  it('rewires, retitles and removes titles', () => {
    const rewired = applyEdit(doc, { op: 'setInputs', id: 'c', inputs: { input: 'k' } });
    expect(rewired.cells[2]?.inputs).toEqual({ input: 'k', kernel: 'k' });
    expect(applyEdit(doc, { op: 'setCellTitle', id: 'k', title: 'Edges in x' }).cells[1]?.title).toBe(
      'Edges in x',
    );
    expect(applyEdit(doc, { op: 'setCellTitle', id: 'k', title: '' }).cells[1]).toEqual({
      id: 'k',
      kind: 'kernel',
      params: { preset: 'sobel-x' },
    });
    expect(applyEdit(doc, { op: 'setTitle', title: 'Corners' }).title).toBe('Corners');
  });

  it('adds, moves, duplicates and removes cells', () => {
    const added = applyEdit(doc, {
      op: 'addCell',
      spec: { id: 'p', kind: 'pool', params: { size: 2 } },
      index: 1,
    });
    expect(added.cells.map((c) => c.id)).toEqual(['img', 'p', 'k', 'c']);
    const moved = applyEdit(doc, { op: 'moveCell', id: 'img', index: 99 });
    expect(moved.cells.map((c) => c.id)).toEqual(['k', 'c', 'img']);
    const copied = applyEdit(doc, { op: 'duplicateCell', id: 'k', newId: 'k2', title: 'Sobel (copy)' });
    expect(copied.cells.map((c) => c.id)).toEqual(['img', 'k', 'k2', 'c']);
    expect(copied.cells[2]).toEqual({
      id: 'k2',
      kind: 'kernel',
      title: 'Sobel (copy)',
      params: { preset: 'sobel-x' },
    });
    expect(applyEdit(doc, { op: 'removeCell', id: 'k' }).cells.map((c) => c.id)).toEqual(['img', 'c']);
  });

  it('replaces the whole document', () => {
    const other = { ...doc, title: 'Other', cells: [] };
    expect(applyEdit(doc, { op: 'replaceDocument', document: other })).toBe(other);
  });

  it('applies a batch in order as one edit, all or none', () => {
    const before = structuredClone(doc);
    const next = applyEdit(doc, {
      op: 'batch',
      edits: [
        { op: 'setParams', id: 'k', patch: { preset: 'sobel-y' } },
        { op: 'setParams', id: 'c', patch: { stride: 2 } },
        { op: 'setParams', id: 'c', patch: { padding: 1 } },
      ],
    });
    expect(next.cells.map((cell) => cell.params)).toEqual([
      { sample: 'checker' },
      { preset: 'sobel-y' },
      { stride: 2, padding: 1 },
    ]);
    expect(next.cells[0]).toBe(doc.cells[0]);
    expect(doc).toEqual(before);
    expect(applyEdit(doc, { op: 'batch', edits: [] })).toBe(doc);
    const half = {
      op: 'batch',
      edits: [
        { op: 'setParams', id: 'k', patch: { preset: 'x' } },
        { op: 'removeCell', id: 'nope' },
      ],
    } as const;
    expect(refusal(half).message).toBe('removeCell: there is no cell "nope" in this notebook');
    expect(doc).toEqual(before);
  });

  it('refuses an unknown cell, naming the edit and the cell', () => {
    for (const edit of [
      { op: 'setParams', id: 'nope', patch: {} },
      { op: 'removeCell', id: 'nope' },
      { op: 'moveCell', id: 'nope', index: 0 },
      { op: 'duplicateCell', id: 'nope', newId: 'x' },
    ] as const) {
      expect(refusal(edit).message).toBe(`${edit.op}: there is no cell "nope" in this notebook`);
    }
  });

  it('refuses a duplicate id and a bad spec at the cell and field', () => {
    expect(refusal({ op: 'addCell', spec: { id: 'k', kind: 'kernel' } })).toEqual({
      path: 'cells[3].id',
      message: 'duplicate id "k"',
    });
    expect(refusal({ op: 'duplicateCell', id: 'k', newId: 'img' })).toEqual({
      path: 'cells[2].id',
      message: 'duplicate id "img"',
    });
    expect(refusal({ op: 'addCell', spec: { id: 'x', kind: 'teleport' } }).path).toBe('cells[3].kind');
  });

  it('refuses titles over the limit, a bad position and a non-text input', () => {
    const long = 'x'.repeat(MAX_TITLE_LENGTH + 1);
    expect(refusal({ op: 'setCellTitle', id: 'k', title: long })).toEqual({
      path: 'cells[1].title',
      message: `the title of cell "k" must be at most ${MAX_TITLE_LENGTH} characters, got ${long.length}`,
    });
    expect(refusal({ op: 'setTitle', title: long }).path).toBe('title');
    expect(refusal({ op: 'moveCell', id: 'k', index: 1.5 }).message).toContain('whole number');
    const bad = { op: 'setInputs', id: 'c', inputs: { input: 3 } } as unknown as NotebookEdit;
    expect(refusal(bad)).toEqual({
      path: 'cells[2].inputs.input',
      message: 'cell "c": input "input" must name a cell, got number',
    });
  });

  it('refuses a cell beyond the limit', () => {
    const full = {
      ...doc,
      cells: Array.from({ length: MAX_CELLS }, (_, i) => ({ id: `n${i}`, kind: 'note' })),
    };
    expect(refusal({ op: 'addCell', spec: { id: 'one-more', kind: 'note' } }, full).message).toBe(
      `a notebook holds at most ${MAX_CELLS} cells`,
    );
  });
});

describe('cellsToRecompute and sameWiring', () => {
  it('names cells whose params, inputs or kind changed, and new cells; not retitled ones', () => {
    const retitled = applyEdit(doc, { op: 'setCellTitle', id: 'k', title: 'x' });
    expect(cellsToRecompute(doc, retitled)).toEqual([]);
    expect(sameWiring(doc, retitled)).toBe(true);
    const edited = applyEdit(doc, { op: 'setParams', id: 'k', patch: { preset: 'sobel-y' } });
    expect(cellsToRecompute(doc, edited)).toEqual(['k']);
    expect(sameWiring(doc, edited)).toBe(true);
    const added = applyEdit(doc, {
      op: 'addCell',
      spec: { id: 'p', kind: 'pool', inputs: { input: 'c' }, params: { size: 2 } },
    });
    expect(cellsToRecompute(doc, added)).toEqual(['p']);
    expect(sameWiring(doc, added)).toBe(false);
    const rewired = applyEdit(doc, { op: 'setInputs', id: 'c', inputs: { input: 'k' } });
    expect(sameWiring(doc, rewired)).toBe(false);
  });
});

import { deepEqual } from '../runtime/deep-equal';
import { DocumentError, type DocumentProblem } from './document-error';
import { MAX_CELLS, MAX_TITLE_LENGTH } from './limits';
import type { CellSpec, NotebookDocument } from './notebook-document';
import type { NotebookEdit } from './notebook-edit';
import { copyCell, validateCellSpec } from './validate-notebook';

/**
 * The one way a notebook document changes: a pure function from a document and an edit to the next
 * document. It never mutates its input; an edit that changes nothing returns the very same document
 * object, and cells an edit does not touch keep their objects (so a 32 MB picture is never copied by a
 * weight edit, and readers can compare by identity). Bad edits throw a DocumentError naming the cell and
 * the field, and leave the document as it was.
 */
export function applyEdit(document: NotebookDocument, edit: NotebookEdit): NotebookDocument {
  switch (edit.op) {
    case 'setParams':
      return updateCell(document, edit.id, edit.op, (cell) => withParams(cell, edit.patch));
    case 'setInputs':
      return updateCell(document, edit.id, edit.op, (cell, path) => withInputs(cell, edit.inputs, path));
    case 'setCellTitle':
      return updateCell(document, edit.id, edit.op, (cell, path) => withTitle(cell, edit.title, path));
    case 'setTitle':
      checkTitle(edit.title, 'title', 'the notebook title');
      return edit.title === document.title ? document : { ...document, title: edit.title };
    case 'addCell':
      return addCell(document, edit.spec, edit.index ?? document.cells.length);
    case 'removeCell':
      indexOf(document, edit.id, edit.op);
      return { ...document, cells: document.cells.filter((cell) => cell.id !== edit.id) };
    case 'moveCell':
      return moveCell(document, edit.id, edit.index);
    case 'duplicateCell':
      return duplicateCell(document, edit.id, edit.newId, edit.title);
    case 'replaceDocument':
      return edit.document;
    case 'batch':
      // Each step starts from the last one's result; a throw anywhere leaves the caller's document untouched.
      return edit.edits.reduce(applyEdit, document);
  }
}

/** Ids of the cells whose computation an edit from `before` to `after` affects: new, or with other kind, inputs or params. */
export function cellsToRecompute(before: NotebookDocument, after: NotebookDocument): string[] {
  const old = new Map(before.cells.map((cell) => [cell.id, cell]));
  return after.cells.filter((cell) => differsForCompute(old.get(cell.id), cell)).map((cell) => cell.id);
}

/** Whether the two documents have the same cells, in the same places, wired the same way. */
export function sameWiring(before: NotebookDocument, after: NotebookDocument): boolean {
  if (before.cells.length !== after.cells.length) return false;
  return before.cells.every((cell, i) => {
    const other = after.cells[i];
    if (other === cell) return true;
    return other?.id === cell.id && deepEqual(cell.inputs ?? {}, other.inputs ?? {});
  });
}

function differsForCompute(old: CellSpec | undefined, cell: CellSpec): boolean {
  if (old === cell) return false;
  return (
    old === undefined ||
    old.kind !== cell.kind ||
    !deepEqual(old.inputs ?? {}, cell.inputs ?? {}) ||
    !deepEqual(old.params ?? {}, cell.params ?? {})
  );
}

function updateCell(
  document: NotebookDocument,
  id: string,
  op: NotebookEdit['op'],
  change: (cell: CellSpec, path: string) => CellSpec,
): NotebookDocument {
  const index = indexOf(document, id, op);
  const cell = document.cells[index] as CellSpec;
  const next = change(cell, `cells[${index}]`);
  if (next === cell) return document;
  const cells = [...document.cells];
  cells[index] = next;
  return { ...document, cells };
}

function withParams(cell: CellSpec, patch: Readonly<Record<string, unknown>>): CellSpec {
  // Through a Map and fromEntries so no key can replace the prototype of the params object; an own
  // "__proto__" key (JSON.parse makes those) can never name a parameter, so it is dropped.
  const merged = new Map(Object.entries(cell.params ?? {}));
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__') continue;
    if (value === undefined) merged.delete(key);
    else merged.set(key, structuredClone(value));
  }
  const params: Record<string, unknown> = Object.fromEntries(merged);
  return deepEqual(params, cell.params ?? {}) ? cell : { ...cell, params };
}

function withInputs(cell: CellSpec, inputs: Readonly<Record<string, string>>, path: string): CellSpec {
  for (const [slot, source] of Object.entries(inputs)) {
    if (typeof source !== 'string' || slot === '__proto__') {
      throw problem(
        `cell "${cell.id}": input "${slot}" must name a cell, got ${typeof source}`,
        `${path}.inputs.${slot}`,
      );
    }
  }
  const merged = { ...cell.inputs, ...inputs };
  return deepEqual(merged, cell.inputs ?? {}) ? cell : { ...cell, inputs: merged };
}

function withTitle(cell: CellSpec, title: string | undefined, path: string): CellSpec {
  const { title: old, ...rest } = cell;
  if (title === undefined || title === '') return old === undefined ? cell : rest;
  checkTitle(title, `${path}.title`, `the title of cell "${cell.id}"`);
  return title === old ? cell : { ...rest, title };
}

function addCell(
  document: NotebookDocument,
  spec: CellSpec,
  index: number,
  lenientParams = false,
): NotebookDocument {
  const cells = [...document.cells];
  if (cells.length >= MAX_CELLS) {
    throw new DocumentError([{ path: 'cells', message: `a notebook holds at most ${MAX_CELLS} cells` }]);
  }
  const at = clampIndex(index, cells.length, 'addCell');
  const ids = new Set(cells.map((cell) => cell.id));
  const problems = validateCellSpec(spec, `cells[${at}]`, ids, { lenientParams });
  if (problems.length > 0) throw new DocumentError(problems);
  cells.splice(at, 0, copyCell(spec as unknown as Record<string, unknown>));
  return { ...document, cells };
}

function moveCell(document: NotebookDocument, id: string, index: number): NotebookDocument {
  const from = indexOf(document, id, 'moveCell');
  const cells = document.cells.filter((cell) => cell.id !== id);
  const to = clampIndex(index, cells.length, 'moveCell');
  if (to === from) return document;
  cells.splice(to, 0, document.cells[from] as CellSpec);
  return { ...document, cells };
}

function duplicateCell(
  document: NotebookDocument,
  id: string,
  newId: string,
  title?: string,
): NotebookDocument {
  const from = indexOf(document, id, 'duplicateCell');
  const { title: _old, ...original } = document.cells[from] as CellSpec;
  const copy: CellSpec = title === undefined ? { ...original, id: newId } : { ...original, id: newId, title };
  // A copy of a cell mid-edit may carry a parameter out of range, as the original does: the cell shows it.
  return addCell(document, copy, from + 1, true);
}

function indexOf(document: NotebookDocument, id: string, op: NotebookEdit['op']): number {
  const index = document.cells.findIndex((cell) => cell.id === id);
  if (index < 0) throw problem(`${op}: there is no cell "${id}" in this notebook`);
  return index;
}

function clampIndex(index: number, length: number, op: NotebookEdit['op']): number {
  if (!Number.isInteger(index)) throw problem(`${op}: the position must be a whole number, got ${index}`);
  return Math.max(0, Math.min(index, length));
}

function checkTitle(title: unknown, path: string, what: string): void {
  if (typeof title !== 'string') throw new DocumentError([{ path, message: `${what} must be text` }]);
  if (title.length > MAX_TITLE_LENGTH) {
    const message = `${what} must be at most ${MAX_TITLE_LENGTH} characters, got ${title.length}`;
    throw new DocumentError([{ path, message }]);
  }
}

function problem(message: string, path = 'cells'): DocumentError {
  const one: DocumentProblem = { path, message };
  return new DocumentError([one]);
}

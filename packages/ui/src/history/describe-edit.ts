import { at } from '@convbook/core';

/**
 * Names the edit between two notebook documents when it is a "field tweak" that should coalesce with the
 * next tweak of the same field: one parameter of one cell, one cell title, or the notebook title. Any
 * other difference (a cell added, removed, moved, rewired, or several fields at once) returns undefined
 * and becomes its own undo step.
 *
 * Works on the plain JSON shape `{ title, cells: [{ id, params, title, ... }] }` so it needs nothing but
 * the document itself.
 */
export function describeEdit(before: unknown, after: unknown): string | undefined {
  const a = asRecord(before);
  const b = asRecord(after);
  const cellsA = a.cells;
  const cellsB = b.cells;
  if (!Array.isArray(cellsA) || !Array.isArray(cellsB) || cellsA.length !== cellsB.length) return undefined;
  const changedTop = differingKeys(a, b);
  if (changedTop.length === 1 && changedTop[0] === 'title') return 'title';
  if (changedTop.length !== 1 || changedTop[0] !== 'cells') return undefined;

  const changed = cellsA.flatMap((cell, i) => (same(cell, cellsB[i]) ? [] : [i]));
  if (changed.length !== 1) return undefined;
  const index = at(changed, 0);
  const cellA = asRecord(cellsA[index]);
  const cellB = asRecord(cellsB[index]);
  if (cellA.id !== cellB.id || typeof cellA.id !== 'string') return undefined;
  const fields = differingKeys(cellA, cellB);
  if (fields.length !== 1) return undefined;
  if (fields[0] === 'title') return `${cellA.id}.title`;
  if (fields[0] !== 'params') return undefined;
  const params = differingKeys(asRecord(cellA.params), asRecord(cellB.params));
  return params.length === 1 ? `${cellA.id}.params.${params[0]}` : undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function differingKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((key) => !same(a[key], b[key]));
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

import type { CellSpec, NotebookDocument } from '@convbook/cells';

/**
 * The worker's document snapshot arrives as a fresh structured clone after every edit, so every cell spec
 * in it is a new object even when only one cell changed. Views compare their inputs by identity (Lit
 * re-renders a cell whose `.cell` is a new object), so a clone would re-render every cell on every edit.
 * This keeps the previous spec object for each cell whose content is unchanged, and the previous cell list
 * when nothing in it changed: one weight edit re-renders one cell.
 */
export function shareUnchanged(
  previous: NotebookDocument | undefined,
  next: NotebookDocument,
): NotebookDocument {
  if (previous === undefined) return next;
  const before = new Map(previous.cells.map((cell) => [cell.id, cell]));
  let reused = 0;
  const cells = next.cells.map((cell): CellSpec => {
    const old = before.get(cell.id);
    if (old !== undefined && sameJson(old, cell)) {
      reused++;
      return old;
    }
    return cell;
  });
  const sameList =
    reused === cells.length &&
    cells.length === previous.cells.length &&
    cells.every((cell, i) => cell === previous.cells[i]);
  return { ...next, cells: sameList ? previous.cells : cells };
}

/** Structural equality of structured-clone-able JSON data: same keys (even undefined ones), same values. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const keys = Object.keys(aRecord);
  if (keys.length !== Object.keys(bRecord).length) return false;
  return keys.every((key) => Object.hasOwn(bRecord, key) && sameJson(aRecord[key], bRecord[key]));
}

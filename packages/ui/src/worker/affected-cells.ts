import type { CellSpec, NotebookDocument } from '@convbook/cells';
import type { NotebookEdit } from './protocol';

/**
 * The cells an edit makes the worker recompute: the edited cell and everything downstream of it. The page
 * needs this only when a worker dies mid-computation, to tell those cells why they never got a value; the
 * worker does not report a computation that never let it publish.
 */
export function cellsAffectedBy(document: NotebookDocument | undefined, edit: NotebookEdit): Set<string> {
  const cells = document?.cells ?? [];
  switch (edit.op) {
    case 'setParams':
    case 'setInputs':
      return downstreamOf(cells, edit.id, true);
    case 'addCell':
      return downstreamOf([...cells, edit.spec], edit.spec.id, true);
    case 'removeCell':
      return downstreamOf(cells, edit.id, false);
    case 'replaceDocument':
      return new Set(edit.document.cells.map((cell) => cell.id));
    case 'setTitle':
    case 'setCellTitle':
    case 'moveCell':
      return new Set();
  }
}

/** What a cell reads: its wired inputs, plus the kernel cell a grad cell trains. */
function readsFrom(cell: CellSpec): string[] {
  const wired = Object.values(cell.inputs ?? {});
  const trained = cell.params?.kernelCell;
  return typeof trained === 'string' ? [...wired, trained] : wired;
}

function downstreamOf(cells: readonly CellSpec[], id: string, includeSelf: boolean): Set<string> {
  const reached = new Set<string>(includeSelf ? [id] : []);
  const frontier = [id];
  for (let current = frontier.pop(); current !== undefined; current = frontier.pop()) {
    for (const cell of cells) {
      if (reached.has(cell.id) || !readsFrom(cell).includes(current)) continue;
      reached.add(cell.id);
      frontier.push(cell.id);
    }
  }
  return reached;
}

import type { NotebookEdit } from '@convbook/cells';

/**
 * Latest edit wins: while the worker is busy, a dragged slider queues many `setParams` on one cell. Runs of
 * adjacent `setParams` for the same cell merge into one (later keys override earlier ones), so the runtime
 * sees a single edit per burst. Only adjacent edits merge, which keeps the order of everything else.
 */
export function coalesceEdits(edits: readonly NotebookEdit[]): NotebookEdit[] {
  const out: NotebookEdit[] = [];
  for (const edit of edits) {
    const last = out[out.length - 1];
    if (edit.op === 'setParams' && last?.op === 'setParams' && last.id === edit.id) {
      out[out.length - 1] = { op: 'setParams', id: edit.id, patch: { ...last.patch, ...edit.patch } };
    } else if (edit.op === 'setTitle' && last?.op === 'setTitle') {
      out[out.length - 1] = edit;
    } else {
      out.push(edit);
    }
  }
  return out;
}

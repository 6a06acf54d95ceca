import type { CellState } from '../runtime/cell-state';
import type { Notebook } from '../runtime/notebook';
import { expectReadableMessage } from './load-outcome';

/**
 * Test-only: waits for a notebook to finish computing, failing on a hang, and checks that every cell ended
 * settled — a value, or an error a person can read. Returns the final states.
 */
export async function settle(notebook: Notebook, budgetMs: number): Promise<ReadonlyMap<string, CellState>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the notebook did not settle within ${budgetMs} ms`)),
      budgetMs,
    );
  });
  try {
    await Promise.race([notebook.whenIdle(), hang]);
  } finally {
    clearTimeout(timer);
  }
  const states = notebook.states();
  for (const cell of notebook.document.cells) {
    const state = states.get(cell.id);
    if (state === undefined) throw new Error(`cell "${cell.id}" has no state`);
    if (state.status === 'pending') throw new Error(`cell "${cell.id}" is still pending after whenIdle`);
    if (state.status === 'error')
      expectReadableMessage(state.error.message, `cell "${cell.id}" (${cell.kind})`);
  }
  return states;
}

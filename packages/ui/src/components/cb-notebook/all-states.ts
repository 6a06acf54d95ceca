import type { CellState, CellValue } from '@convbook/cells';
import { animationFrameScheduler, auditTime, map, merge, type Observable, scan, startWith } from 'rxjs';

export interface NotebookStates {
  readonly states: ReadonlyMap<string, CellState>;
  /** Each cell's latest ok value, kept while it recomputes or after it fails (for readouts and highlights). */
  readonly values: ReadonlyMap<string, CellValue>;
}

/**
 * Every cell's state in one stream, at most once per animation frame. For display only (input shapes for
 * readouts, receptive fields): the graph itself lives in the worker's runtime, not here.
 */
export function allStates$(
  ids: readonly string[],
  state$: (id: string) => Observable<CellState>,
): Observable<NotebookStates> {
  const empty: NotebookStates = { states: new Map(), values: new Map() };
  return merge(...ids.map((id) => state$(id).pipe(map((state) => [id, state] as const)))).pipe(
    scan((acc: NotebookStates, [id, state]) => {
      const states = new Map(acc.states).set(id, state);
      const values = state.status === 'ok' ? new Map(acc.values).set(id, state.value) : acc.values;
      return { states, values };
    }, empty),
    auditTime(0, animationFrameScheduler),
    startWith(empty),
  );
}

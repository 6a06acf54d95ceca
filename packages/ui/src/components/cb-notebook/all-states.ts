import type { CellState, CellValue } from '@convbook/cells';
import { animationFrameScheduler, auditTime, defer, map, merge, type Observable, startWith, tap } from 'rxjs';

export interface NotebookStates {
  readonly states: ReadonlyMap<string, CellState>;
  /** Each cell's latest ok value, kept while it recomputes or after it fails (for readouts and highlights). */
  readonly values: ReadonlyMap<string, CellValue>;
}

/**
 * Every cell's state in one stream, at most once per animation frame. For display only (input shapes for
 * readouts, receptive fields): the graph itself lives in the worker's runtime, not here.
 * States are gathered into one pair of maps and copied once per frame: a copy per state would cost
 * cells² when a pass reports 500 cells at once.
 */
export function allStates$(
  ids: readonly string[],
  state$: (id: string) => Observable<CellState>,
): Observable<NotebookStates> {
  const empty: NotebookStates = { states: new Map(), values: new Map() };
  return defer(() => {
    const states = new Map<string, CellState>();
    const values = new Map<string, CellValue>();
    return merge(...ids.map((id) => state$(id).pipe(map((state) => [id, state] as const)))).pipe(
      tap(([id, state]) => {
        states.set(id, state);
        if (state.status === 'ok') values.set(id, state.value);
      }),
      auditTime(0, animationFrameScheduler),
      map((): NotebookStates => ({ states: new Map(states), values: new Map(values) })),
      startWith(empty),
    );
  });
}

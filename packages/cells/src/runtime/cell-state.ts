import type { CellValue } from '../cell-value';

/** Why a cell has no value. `upstream` names the cell whose failure this one inherited. */
export interface CellError {
  readonly message: string;
  /** Set when this cell failed only because an input failed: the id of the cell that really failed. */
  readonly upstream?: string;
  /** JSON path of the offending parameter, e.g. `cells[3].params.stride`, when known. */
  readonly path?: string | undefined;
}

/** Progress of a long computation (gradient descent): done out of total, plus an optional partial value. */
export interface CellProgress {
  readonly done: number;
  readonly total: number;
  readonly partial?: CellValue | undefined;
}

/**
 * What every cell publishes. `version` counts the edits that reached this cell; a result computed for an
 * older version is never published.
 *
 * A cell of a kind that runs on demand is `idle` until it is run. After a run its state is ok or error as
 * usual; when its inputs or params change afterwards, its last ok value is kept and marked `stale` (it was
 * computed from what the notebook held before), until it is run again.
 */
export type CellState =
  | { readonly status: 'pending'; readonly version: number; readonly progress?: CellProgress }
  | {
      readonly status: 'ok';
      readonly version: number;
      readonly value: CellValue;
      readonly ms: number;
      readonly stale?: boolean;
    }
  | { readonly status: 'error'; readonly version: number; readonly error: CellError }
  | { readonly status: 'idle'; readonly version: number };

/** The states that changed in one scheduler pass, by cell id; `undefined` for a cell that was removed. */
export type StateBatch = ReadonlyMap<string, CellState | undefined>;

import type { CellValue } from '../cell-value';

/** Why a cell has no value. `upstream` names the cell whose failure this one inherited. */
export interface CellError {
  readonly message: string;
  /** Set when this cell failed only because an input failed: the id of the cell that really failed. */
  readonly upstream?: string;
  /** JSON path of the offending parameter, e.g. `cells[3].params.stride`, when known. */
  readonly path?: string;
}

/** Progress of a long computation (gradient descent): done out of total, plus an optional partial value. */
export interface CellProgress {
  readonly done: number;
  readonly total: number;
  readonly partial?: CellValue;
}

/**
 * What every cell publishes. `version` counts the edits that reached this cell; a result computed for an
 * older version is never published.
 */
export type CellState =
  | { readonly status: 'pending'; readonly version: number; readonly progress?: CellProgress }
  | { readonly status: 'ok'; readonly version: number; readonly value: CellValue; readonly ms: number }
  | { readonly status: 'error'; readonly version: number; readonly error: CellError };

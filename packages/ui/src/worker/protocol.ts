/**
 * Messages between the page (ComputeClient, remote-notebook.ts) and the notebook worker. The page owns the
 * document: it sends the document once (`load`) and then only edits, which the worker applies with the
 * same reducer (`applyEdit`). The worker never sends the document back; it answers with cell states, one
 * message per scheduler pass holding only the cells that changed. Values inside states are encoded with
 * transfer-codec.ts (tensors as `{ shape, data }`, data transferred).
 */

import type { NotebookEdit } from '@convbook/cells';
import type { KindInfo } from '../catalog/value-types';
import type { CellLimits } from './time-limits';

/** Commands for cells that run on demand (training); not edits, so they are neither saved nor undone. */
export type CellCommand = 'run' | 'stop' | 'reset';

export type PageToWorker =
  /** Validate `document` (any JSON value) and make it the worker's notebook. */
  | {
      readonly type: 'load';
      readonly requestId: number;
      readonly document: unknown;
      /** Cells held back and cells given more time (time-limits.ts); none when absent. */
      readonly limits?: CellLimits;
    }
  /** New limits for the notebook loaded; they apply from the next computation on. */
  | { readonly type: 'limits'; readonly limits: CellLimits }
  | { readonly type: 'edit'; readonly edit: NotebookEdit }
  | { readonly type: 'command'; readonly command: CellCommand; readonly id: string }
  | { readonly type: 'when-idle'; readonly requestId: number }
  /** The supervisor's heartbeat (worker-supervisor.ts): answered with a pong as soon as the worker is free. */
  | { readonly type: 'ping'; readonly id: number };

export interface Problem {
  readonly path: string;
  readonly message: string;
}

export type WorkerToPage =
  /** Sent once when the worker starts: every cell kind it can compute. */
  | { readonly type: 'kinds'; readonly kinds: readonly KindInfo[] }
  /** One scheduler pass: [cell id, encoded CellState, or null for a cell that was removed]. */
  | { readonly type: 'states'; readonly states: ReadonlyArray<readonly [string, unknown]> }
  | { readonly type: 'loaded'; readonly requestId: number }
  | {
      readonly type: 'load-failed';
      readonly requestId: number;
      readonly message: string;
      readonly problems: readonly Problem[];
    }
  /** An edit the worker refused; the page applied it with the same reducer, so this means the two differ. */
  | { readonly type: 'edit-failed'; readonly op: NotebookEdit['op']; readonly message: string }
  | { readonly type: 'idle'; readonly requestId: number }
  | { readonly type: 'pong'; readonly id: number }
  /** A cell's computation starts (so a worker stuck in it can be blamed on that cell). */
  | { readonly type: 'computing'; readonly id: string }
  /** A cell's asynchronous computation passed its budget and was stopped. */
  | { readonly type: 'over-budget'; readonly id: string; readonly budgetMs: number };

/** The part of a Worker / MessagePort / worker global scope both sides use. */
export interface MessageEndpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

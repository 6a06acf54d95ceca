/**
 * Messages between the page (RemoteNotebook) and the notebook worker. The page sends intents; the worker
 * owns the Notebook and answers with document snapshots and cell states. Values inside states are encoded
 * with transfer-codec.ts (tensors as `{ shape, data }`, data transferred).
 */

import type { CellSpec, NotebookDocument } from '@convbook/cells';
import type { KindInfo } from '../catalog/value-types';

/** One edit, named after the Notebook method it calls. */
export type NotebookEdit =
  | { readonly op: 'setParams'; readonly id: string; readonly patch: Readonly<Record<string, unknown>> }
  | { readonly op: 'setInputs'; readonly id: string; readonly inputs: Readonly<Record<string, string>> }
  | { readonly op: 'setTitle'; readonly title: string }
  | { readonly op: 'setCellTitle'; readonly id: string; readonly title?: string }
  | { readonly op: 'addCell'; readonly spec: CellSpec; readonly index?: number }
  | { readonly op: 'removeCell'; readonly id: string }
  | { readonly op: 'moveCell'; readonly id: string; readonly index: number }
  | { readonly op: 'replaceDocument'; readonly document: NotebookDocument };

export type PageToWorker =
  /** Validate `document` (any JSON value) and make it the worker's notebook. */
  | { readonly type: 'load'; readonly requestId: number; readonly document: unknown }
  /** `seq` numbers edits so the page can ignore document snapshots older than its latest edit. */
  | { readonly type: 'edit'; readonly seq: number; readonly edit: NotebookEdit }
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
  /** The document after every edit up to and including `seq` (sent after each batch, changed or not). */
  | { readonly type: 'document'; readonly seq: number; readonly document: NotebookDocument }
  /** Cell states that changed since the last message: [cell id, encoded CellState]. */
  | { readonly type: 'states'; readonly states: ReadonlyArray<readonly [string, unknown]> }
  | { readonly type: 'loaded'; readonly requestId: number }
  | {
      readonly type: 'load-failed';
      readonly requestId: number;
      readonly message: string;
      readonly problems: readonly Problem[];
    }
  /** An edit the runtime refused (e.g. a bad cell spec); the document is unchanged. */
  | { readonly type: 'edit-failed'; readonly op: NotebookEdit['op']; readonly message: string }
  | { readonly type: 'idle'; readonly requestId: number }
  | { readonly type: 'pong'; readonly id: number };

/** The part of a Worker / MessagePort / worker global scope both sides use. */
export interface MessageEndpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

import {
  cellKinds,
  DocumentError,
  findCellKind,
  Notebook,
  type NotebookEdit,
  type NotebookOptions,
  parseNotebook,
  type StateBatch,
} from '@convbook/cells';
import type { Subscription } from 'rxjs';
import { describeKinds } from '../catalog/kind-catalog';
import { coalesceEdits } from './coalesce-edits';
import type { MessageEndpoint, PageToWorker, WorkerToPage } from './protocol';
import { type CellLimits, NO_LIMITS, timeLimitedKinds } from './time-limits';
import { encodeForTransfer } from './transfer-codec';

/**
 * The worker side, a compute service: it holds a copy of the page's document in a Notebook, applies the
 * edits the page sends (in batches, so a drag's burst is one edit), and forwards each scheduler pass as
 * one message of changed states. Returns a function that stops serving and disposes the notebook.
 */
export interface ServeOptions extends NotebookOptions {
  /**
   * Work for the worker's idle time, one step per task while it returns true (core's readyStorage): run
   * once a pass has settled, and stopped as soon as an edit is waiting.
   */
  readonly idleWork?: () => boolean;
}

export function serveNotebook(
  endpoint: MessageEndpoint,
  { idleWork, ...options }: ServeOptions = {},
): () => void {
  let notebook: Notebook | undefined;
  let passes: Subscription | undefined;
  let queuedEdits: NotebookEdit[] = [];
  let drainScheduled = false;
  let limits: CellLimits = NO_LIMITS;

  const post = (message: WorkerToPage, transfer: Transferable[] = []): void =>
    endpoint.postMessage(message, transfer);

  const findKind = timeLimitedKinds(options.findKind ?? findCellKind, {
    limits: () => limits,
    computing: (id) => post({ type: 'computing', id }),
    overBudget: (id, budgetMs) => post({ type: 'over-budget', id, budgetMs }),
  });

  const postPass = (batch: StateBatch): void => {
    const { payload, transfer } = encodeForTransfer([...batch].map(([id, state]) => [id, state ?? null]));
    post({ type: 'states', states: payload as [string, unknown][] }, transfer);
    scheduleIdleWork();
  };

  let idleWorkScheduled = false;
  /**
   * Counts what can start a computation (edits applied, commands). Idle work stops as soon as it moves: a
   * cell computing asynchronously (a conv on the other cores) leaves this thread's event loop free, and a
   * step there (touching 16 MB takes 12 ms) would hold up the result and take a core from the conv.
   */
  let started = 0;
  const scheduleIdleWork = (): void => {
    const current = notebook;
    if (idleWork === undefined || idleWorkScheduled || current === undefined) return;
    idleWorkScheduled = true;
    const start = (): void => {
      const since = started;
      const step = (): void => {
        idleWorkScheduled = false;
        // Edits waiting: their pass schedules the work again. A computation begun: wait till it settles.
        if (queuedEdits.length > 0 || notebook !== current) return;
        if (started !== since) scheduleIdleWork();
        else if (idleWork()) {
          idleWorkScheduled = true;
          setTimeout(step, 0);
        }
      };
      setTimeout(step, 0);
    };
    current.whenIdle().then(start, start);
  };

  const stopNotebook = (): void => {
    passes?.unsubscribe();
    notebook?.dispose();
    notebook = undefined;
  };

  const drainEdits = (): void => {
    drainScheduled = false;
    const batch = queuedEdits;
    queuedEdits = [];
    if (!notebook) return;
    if (batch.length > 0) started++;
    for (const edit of coalesceEdits(batch)) {
      try {
        notebook.apply(edit);
      } catch (error) {
        post({ type: 'edit-failed', op: edit.op, message: describeError(error) });
      }
    }
  };

  const load = (requestId: number, document: unknown, given: CellLimits = NO_LIMITS): void => {
    queuedEdits = [];
    limits = given; // edits made before this load were made to the document it replaces
    try {
      // The page has checked anything from outside strictly; a live document (undo, autosave) may hold a
      // cell mid-edit, whose problems the runtime shows on that cell.
      const parsed = parseNotebook(document, { lenientParams: true });
      stopNotebook();
      notebook = Notebook.fromDocument(parsed, { ...options, findKind });
      passes = notebook.passes$.subscribe(postPass);
      post({ type: 'loaded', requestId });
    } catch (error) {
      const problems = error instanceof DocumentError ? error.problems : [];
      post({ type: 'load-failed', requestId, message: describeError(error), problems });
    }
  };

  const onMessage = (event: MessageEvent): void => {
    const message = event.data as PageToWorker;
    switch (message.type) {
      case 'load':
        load(message.requestId, message.document, message.limits);
        return;
      case 'limits':
        limits = message.limits;
        return;
      case 'edit':
        queuedEdits.push(message.edit);
        if (!drainScheduled) {
          drainScheduled = true;
          // A macrotask, not a microtask: edit messages already waiting in the queue arrive first and merge.
          setTimeout(drainEdits, 0);
        }
        return;
      case 'command':
        drainEdits();
        started++;
        try {
          notebook?.[message.command](message.id);
        } catch (error) {
          post({ type: 'edit-failed', op: 'setParams', message: describeError(error) });
        }
        return;
      case 'ping':
        post({ type: 'pong', id: message.id });
        return;
      case 'when-idle': {
        drainEdits();
        const done = (): void => post({ type: 'idle', requestId: message.requestId });
        if (notebook) notebook.whenIdle().then(done, done);
        else done();
        return;
      }
    }
  };

  endpoint.addEventListener('message', onMessage);
  post({ type: 'kinds', kinds: describeKinds(cellKinds) });
  return () => {
    endpoint.removeEventListener('message', onMessage);
    stopNotebook();
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

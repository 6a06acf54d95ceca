import {
  type CellState,
  cellKinds,
  DocumentError,
  Notebook,
  type NotebookOptions,
  parseNotebook,
} from '@convbook/cells';
import type { Subscription } from 'rxjs';
import { describeKinds } from '../catalog/kind-catalog';
import { coalesceEdits } from './coalesce-edits';
import type { MessageEndpoint, NotebookEdit, PageToWorker, WorkerToPage } from './protocol';
import { encodeForTransfer } from './transfer-codec';

/**
 * The worker side: owns the one Notebook, applies edits in batches (coalescing bursts), and mirrors every
 * cell's state to the page, grouping the states that change in one turn into one message.
 * Returns a function that stops serving and disposes the notebook.
 */
export function serveNotebook(endpoint: MessageEndpoint, options: NotebookOptions = {}): () => void {
  let notebook: Notebook | undefined;
  const cellSubscriptions = new Map<string, Subscription>();
  const changedStates = new Map<string, CellState>();
  let statesFlushScheduled = false;
  let queuedEdits: { seq: number; edit: NotebookEdit }[] = [];
  let drainScheduled = false;
  let lastSeq = 0;

  const post = (message: WorkerToPage, transfer: Transferable[] = []): void =>
    endpoint.postMessage(message, transfer);

  const flushStates = (): void => {
    statesFlushScheduled = false;
    if (changedStates.size === 0) return;
    const { payload, transfer } = encodeForTransfer([...changedStates.entries()]);
    changedStates.clear();
    post({ type: 'states', states: payload as [string, unknown][] }, transfer);
  };

  const watchCells = (): void => {
    if (!notebook) return;
    const ids = new Set(notebook.document.cells.map((cell) => cell.id));
    for (const [id, subscription] of cellSubscriptions) {
      if (ids.has(id)) continue;
      subscription.unsubscribe();
      cellSubscriptions.delete(id);
      changedStates.delete(id);
    }
    for (const id of ids) {
      if (cellSubscriptions.has(id)) continue;
      const current = notebook;
      cellSubscriptions.set(
        id,
        current.state$(id).subscribe((state) => {
          changedStates.set(id, state);
          if (!statesFlushScheduled) {
            statesFlushScheduled = true;
            queueMicrotask(flushStates);
          }
        }),
      );
    }
  };

  const postDocument = (): void => {
    if (!notebook) return;
    post({ type: 'document', seq: lastSeq, document: notebook.document });
  };

  const stopNotebook = (): void => {
    for (const subscription of cellSubscriptions.values()) subscription.unsubscribe();
    cellSubscriptions.clear();
    changedStates.clear();
    notebook?.dispose();
    notebook = undefined;
  };

  const drainEdits = (): void => {
    drainScheduled = false;
    const batch = queuedEdits;
    queuedEdits = [];
    if (batch.length === 0) return;
    lastSeq = batch[batch.length - 1]?.seq ?? lastSeq;
    if (!notebook) return;
    for (const edit of coalesceEdits(batch.map((queued) => queued.edit))) {
      try {
        applyEdit(notebook, edit);
      } catch (error) {
        post({ type: 'edit-failed', op: edit.op, message: describeError(error) });
      }
    }
    watchCells();
    postDocument();
  };

  const onMessage = (event: MessageEvent): void => {
    const message = event.data as PageToWorker;
    switch (message.type) {
      case 'load': {
        drainEdits();
        try {
          // The page has already checked anything that came from outside strictly; here a document may be
          // a live one (undo, autosave) with a cell mid-edit, whose problems the runtime shows on that cell.
          const document = parseNotebook(message.document, { lenientWiring: true, lenientParams: true });
          stopNotebook();
          notebook = Notebook.fromDocument(document, options);
          watchCells();
          postDocument();
          post({ type: 'loaded', requestId: message.requestId });
        } catch (error) {
          const problems = error instanceof DocumentError ? error.problems : [];
          post({
            type: 'load-failed',
            requestId: message.requestId,
            message: describeError(error),
            problems,
          });
        }
        return;
      }
      case 'edit':
        queuedEdits.push({ seq: message.seq, edit: message.edit });
        if (!drainScheduled) {
          drainScheduled = true;
          // A macrotask, not a microtask: edit messages already waiting in the queue arrive first and merge.
          setTimeout(drainEdits, 0);
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

function applyEdit(notebook: Notebook, edit: NotebookEdit): void {
  switch (edit.op) {
    case 'setParams':
      notebook.setParams(edit.id, { ...edit.patch });
      break;
    case 'setInputs':
      notebook.setInputs(edit.id, { ...edit.inputs });
      break;
    case 'setTitle':
      notebook.setTitle(edit.title);
      break;
    case 'setCellTitle':
      notebook.setCellTitle(edit.id, edit.title);
      break;
    case 'addCell':
      notebook.addCell(edit.spec, edit.index);
      break;
    case 'removeCell':
      notebook.removeCell(edit.id);
      break;
    case 'moveCell':
      notebook.moveCell(edit.id, edit.index);
      break;
    case 'replaceDocument':
      notebook.replaceDocument(edit.document);
      break;
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

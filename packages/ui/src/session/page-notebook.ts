import {
  applyEdit,
  type CellSpec,
  type CellState,
  cellsToRecompute,
  DocumentError,
  type NotebookDocument,
  type NotebookEdit,
  parseNotebook,
} from '@convbook/cells';
import { BehaviorSubject, merge, type Observable, Subject } from 'rxjs';
import type { KindInfo } from '../catalog/value-types';
import type { OverLimitCell } from '../worker/cell-time-limits';
import { ComputeClient, LoadError, type SupervisionLimits } from '../worker/compute-client';
import type { CellCommand, MessageEndpoint } from '../worker/protocol';
import type { SupervisableWorker } from '../worker/worker-supervisor';
import { localStorageMarker, memoryMarker, type OpeningMarker } from './opening-marker';

/** Who made an edit: the user (an undo step), or undo/redo itself (saved, but not a new step). */
export type EditOrigin = 'user' | 'history';

/** One applied edit, as saving and undo hear it: synchronously, in the task of the edit. */
export interface AppliedEdit {
  readonly before: NotebookDocument;
  readonly after: NotebookDocument;
  readonly edit: NotebookEdit;
  readonly origin: EditOrigin;
}

/** A computation that has not let the worker answer a heartbeat for this long is stopped. */
const HANG_LIMIT_MS = 10_000;
const HEARTBEAT_MS = 1_000;
/** After the cells settle, this long for the page to draw them before the opening counts as safe. */
const DRAWN_AFTER_MS = 1_000;
/** What every cell of a notebook that opened paused says. */
export const PAUSED_MESSAGE =
  'not computed yet: this notebook stopped the page the last time it was opened, so it opened paused; choose “Compute anyway” to compute it';

/** How the worker loads a live notebook; the page checks a document the same way before it is opened. */
const LENIENT = { lenientParams: true } as const;

/**
 * The notebook on the page. The page owns the document: an edit is applied here with the same reducer the
 * worker uses (`applyEdit`), published on `edits$` in the same task (undo records it, autosave starts
 * writing it), and only then forwarded to the worker, which computes and streams cell states back.
 */
export class PageNotebook {
  readonly #document = new BehaviorSubject<NotebookDocument | undefined>(undefined);
  readonly #edits = new Subject<AppliedEdit>();
  readonly #refusals = new Subject<string>();
  readonly #compute: ComputeClient;
  readonly #marker: OpeningMarker;

  /** The latest document (undefined until the first load). */
  readonly document$: Observable<NotebookDocument | undefined> = this.#document.asObservable();
  readonly edits$: Observable<AppliedEdit> = this.#edits.asObservable();
  readonly kinds$: Observable<ReadonlyMap<string, KindInfo>>;
  /** Edits refused and worker trouble, as sentences for the user. */
  readonly editErrors$: Observable<string>;
  /** Cells held back for taking too long, or because the notebook opened paused. */
  readonly overLimit$: Observable<readonly OverLimitCell[]>;

  /** Over any endpoint, unsupervised (tests); `start` and `supervise` for a real worker. */
  constructor(
    endpoint?: MessageEndpoint,
    spawn?: ConstructorParameters<typeof ComputeClient>[2],
    marker: OpeningMarker = memoryMarker(),
  ) {
    this.#compute = new ComputeClient(endpoint as MessageEndpoint, () => this.#document.value, spawn);
    this.#marker = marker;
    this.kinds$ = this.#compute.kinds$;
    this.overLimit$ = this.#compute.overLimit$;
    this.editErrors$ = merge(this.#refusals, this.#compute.notices$);
  }

  /** Starts the notebook worker (bundled by Vite as a module worker), supervised. */
  static start(): PageNotebook {
    const spawn = (): SupervisableWorker =>
      new Worker(new URL('../worker/notebook-worker.ts', import.meta.url), {
        type: 'module',
        name: 'convbook-notebook',
      });
    const limits = { hangLimitMs: HANG_LIMIT_MS, heartbeatMs: HEARTBEAT_MS };
    return PageNotebook.supervise(spawn, limits, localStorageMarker());
  }

  /** A notebook whose worker is replaced, with the page's document, when it crashes or hangs. */
  static supervise(
    spawn: () => SupervisableWorker,
    limits: SupervisionLimits,
    marker?: OpeningMarker,
  ): PageNotebook {
    return new PageNotebook(undefined, { spawn, limits }, marker);
  }

  get document(): NotebookDocument | undefined {
    return this.#document.value;
  }

  state$(id: string): Observable<CellState> {
    return this.#compute.state$(id);
  }

  /**
   * Validates any JSON value and makes it the open document, then hands it to the worker. Rejects with
   * LoadError (the old notebook stays) when it is invalid. A worker that crashes or hangs on it does not
   * close it: the document stays open (and saved), its cells say what happened, and the worker is
   * restarted or, after repeated failures, paused until the next edit.
   */
  async load(json: unknown): Promise<void> {
    let document: NotebookDocument;
    try {
      document = parseNotebook(json, LENIENT);
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      throw new LoadError(error.message, error.problems);
    }
    this.#document.next(document);
    // A notebook that was opening when the page last died opens paused: no crash loop on start.
    const paused = await this.#marker.crashedOpening(document);
    if (!paused) this.#marker.opening(document);
    await this.#compute.load(document, paused ? PAUSED_MESSAGE : undefined).catch((error: unknown) => {
      if (error instanceof LoadError && error.problems.length > 0) throw error;
    });
    if (!paused) this.#clearMarkerWhenSettled();
  }

  /** Computes cells held back (one, or all): slow ones with more time, a paused notebook at last. */
  computeAnyway(id?: string): void {
    this.#compute.computeAnyway(id);
    this.#clearMarkerWhenSettled();
  }

  /**
   * The opening is safe once the cells have settled (on a replaced worker, too) and had time to be drawn,
   * with no cell held back for hanging or crashing the worker: such a notebook reopens paused.
   */
  #clearMarkerWhenSettled(): void {
    const settled = this.#compute.settled();
    this.#compute.whenIdle().catch(() => {});
    void settled.then(() =>
      setTimeout(() => {
        if (this.#document.closed) return;
        if (this.#compute.overLimitNow.length === 0) this.#marker.opened();
      }, DRAWN_AFTER_MS),
    );
  }

  /**
   * Applies one edit on the page and sends it to the worker. A refused edit (unknown cell, duplicate id,
   * over a limit) is reported in words and changes nothing. Returns whether the document changed.
   */
  apply(edit: NotebookEdit, origin: EditOrigin = 'user'): boolean {
    const before = this.#document.value;
    if (before === undefined) return false;
    let after: NotebookDocument;
    try {
      after = applyEdit(before, edit);
    } catch (error) {
      this.#refusals.next(error instanceof Error ? error.message : String(error));
      return false;
    }
    if (after === before) return false;
    // The document first: a paused worker restarting on this edit is handed the edited document. Then the
    // worker, so its recompute starts while undo and saving (a few milliseconds of IndexedDB and history
    // work) run here; `finally` makes sure they hear the edit even if posting it throws.
    this.#document.next(after);
    try {
      this.#compute.apply(edit, withDownstream(after, cellsToRecompute(before, after)));
    } finally {
      this.#edits.next({ before, after, edit, origin });
    }
    return true;
  }

  setParams(id: string, patch: Readonly<Record<string, unknown>>): void {
    this.apply({ op: 'setParams', id, patch });
  }
  setInputs(id: string, inputs: Readonly<Record<string, string>>): void {
    this.apply({ op: 'setInputs', id, inputs });
  }
  setTitle(title: string): void {
    this.apply({ op: 'setTitle', title });
  }
  setCellTitle(id: string, title?: string): void {
    this.apply(title === undefined ? { op: 'setCellTitle', id } : { op: 'setCellTitle', id, title });
  }
  addCell(spec: CellSpec, index?: number): void {
    this.apply(index === undefined ? { op: 'addCell', spec } : { op: 'addCell', spec, index });
  }
  removeCell(id: string): void {
    this.apply({ op: 'removeCell', id });
  }
  moveCell(id: string, index: number): void {
    this.apply({ op: 'moveCell', id, index });
  }
  replaceDocument(document: NotebookDocument, origin: EditOrigin = 'history'): void {
    this.apply({ op: 'replaceDocument', document }, origin);
  }

  /** Runs, stops or resets a cell that computes on demand (training). Not an edit: nothing is saved. */
  command(command: CellCommand, id: string): void {
    this.#compute.command(command, id);
  }

  whenIdle(): Promise<void> {
    return this.#compute.whenIdle();
  }

  dispose(): void {
    this.#compute.dispose();
    this.#document.complete();
    this.#edits.complete();
    this.#refusals.complete();
  }
}

/** `ids` and every cell that reads from them, directly or not: what an edit makes the worker recompute. */
function withDownstream(document: NotebookDocument, ids: readonly string[]): string[] {
  const reached = new Set(ids);
  let grew = reached.size > 0;
  while (grew) {
    grew = false;
    for (const cell of document.cells) {
      if (reached.has(cell.id)) continue;
      if (Object.values(cell.inputs ?? {}).some((source) => reached.has(source))) {
        reached.add(cell.id);
        grew = true;
      }
    }
  }
  return [...reached];
}

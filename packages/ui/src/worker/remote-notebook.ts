import type { CellSpec, CellState, NotebookDocument } from '@convbook/cells';
import { BehaviorSubject, type Observable, Subject } from 'rxjs';
import type { KindInfo } from '../catalog/value-types';
import { cellsAffectedBy } from './affected-cells';
import type { MessageEndpoint, NotebookEdit, PageToWorker, Problem, WorkerToPage } from './protocol';
import { shareUnchanged } from './share-unchanged';
import { decodeTransferred } from './transfer-codec';
import { type SupervisableWorker, type WorkerFailure, WorkerSupervisor } from './worker-supervisor';

/** A document the worker refused to load, with every validation problem. */
export class LoadError extends Error {
  override readonly name = 'LoadError';
  constructor(
    message: string,
    readonly problems: readonly Problem[],
  ) {
    super(message);
  }
}

const UNKNOWN_STATE: CellState = { status: 'pending', version: 0 };

/** A computation that has not let the worker answer a heartbeat for this long is stopped. */
const HANG_LIMIT_MS = 10_000;
const HEARTBEAT_MS = 1_000;
/** After this many failures with no idle moment between them, the worker waits for the next edit. */
const FAILURES_BEFORE_PAUSE = 2;

export interface SupervisionLimits {
  readonly hangLimitMs: number;
  readonly heartbeatMs: number;
}

/**
 * The page's view of the notebook running in the worker: the same shape as `Notebook` (document$, state$,
 * edit methods), but every edit is a message and every state a mirror. The page never computes.
 */
export class RemoteNotebook {
  readonly #endpoint: MessageEndpoint;
  readonly #document = new BehaviorSubject<NotebookDocument | undefined>(undefined);
  readonly #states = new Map<string, BehaviorSubject<CellState>>();
  /** One observable per cell, so a component asking twice gets the same source (and does not resubscribe). */
  readonly #stateObservables = new Map<string, Observable<CellState>>();
  readonly #editErrors = new Subject<string>();
  readonly #kinds = new BehaviorSubject<ReadonlyMap<string, KindInfo>>(new Map());
  readonly #pending = new Map<
    number,
    { readonly isLoad: boolean; resolve: () => void; reject: (error: Error) => void }
  >();
  readonly #onTerminate: (() => void) | undefined;
  #nextRequestId = 1;
  #sentSeq = 0;
  /** Set by `supervise`: the worker can be replaced, and edits not yet confirmed are kept to replay. */
  #supervisor: WorkerSupervisor | undefined;
  #unconfirmedEdits: { readonly seq: number; readonly edit: NotebookEdit }[] = [];
  #failuresInARow = 0;
  /** Cells edits sent to recompute whose new states have not arrived yet (supervised only). */
  readonly #recomputing = new Set<string>();
  /** The seq of the latest edit the worker has applied (reported with its document snapshot). */
  #appliedSeq = 0;

  /** The latest document (undefined until the first load). */
  readonly document$: Observable<NotebookDocument | undefined> = this.#document.asObservable();
  /** Every kind the worker can compute, by name (empty until the worker has started). */
  readonly kinds$: Observable<ReadonlyMap<string, KindInfo>> = this.#kinds.asObservable();
  /** Messages of edits the runtime refused. */
  readonly editErrors$: Observable<string> = this.#editErrors.asObservable();

  constructor(endpoint: MessageEndpoint, onTerminate?: () => void) {
    this.#endpoint = endpoint;
    this.#onTerminate = onTerminate;
    endpoint.addEventListener('message', this.#onMessage);
  }

  /** Starts the notebook worker (bundled by Vite as a module worker), supervised. */
  static start(): RemoteNotebook {
    return RemoteNotebook.supervise(
      () =>
        new Worker(new URL('./notebook-worker.ts', import.meta.url), {
          type: 'module',
          name: 'convbook-notebook',
        }),
      { hangLimitMs: HANG_LIMIT_MS, heartbeatMs: HEARTBEAT_MS },
    );
  }

  /**
   * A notebook whose worker is replaced when it crashes or hangs: the cells that were computing show why
   * they stopped, a fresh worker loads the current document and replays the edits the old one had not
   * confirmed, and everything else recomputes. If the fresh worker fails too before it has once been idle
   * (the document itself makes it hang), it is left down until the next edit, so a bad cell cannot keep
   * the machine busy restarting.
   */
  static supervise(spawn: () => SupervisableWorker, limits: SupervisionLimits): RemoteNotebook {
    let recover: (failure: WorkerFailure) => void = () => {};
    const supervisor = new WorkerSupervisor({ spawn, ...limits, onFailure: (failure) => recover(failure) });
    const remote = new RemoteNotebook(supervisor, () => supervisor.terminate());
    recover = (failure) => remote.#recover(failure);
    remote.#supervisor = supervisor;
    return remote;
  }

  get document(): NotebookDocument | undefined {
    return this.#document.value;
  }

  /** The cell's state, replaying the latest one; pending until the worker reports. */
  state$(id: string): Observable<CellState> {
    let observable = this.#stateObservables.get(id);
    if (!observable) {
      observable = this.#subjectFor(id).asObservable();
      this.#stateObservables.set(id, observable);
    }
    return observable;
  }

  /**
   * Validates and loads any JSON value; rejects with LoadError (the old notebook stays) when invalid, or
   * when the worker crashes or hangs before it has loaded it.
   */
  load(document: unknown): Promise<void> {
    return this.#request((requestId) => ({ type: 'load', requestId, document }));
  }

  /** Resolves once every cell has settled; rejects if the worker crashes or hangs first. */
  whenIdle(): Promise<void> {
    return this.#request((requestId) => ({ type: 'when-idle', requestId }));
  }

  setParams(id: string, patch: Record<string, unknown>): void {
    this.#edit({ op: 'setParams', id, patch });
  }
  setInputs(id: string, inputs: Record<string, string>): void {
    this.#edit({ op: 'setInputs', id, inputs });
  }
  setTitle(title: string): void {
    this.#edit({ op: 'setTitle', title });
  }
  setCellTitle(id: string, title?: string): void {
    this.#edit({ op: 'setCellTitle', id, title });
  }
  addCell(spec: CellSpec, index?: number): void {
    this.#edit({ op: 'addCell', spec, index });
  }
  removeCell(id: string): void {
    this.#edit({ op: 'removeCell', id });
  }
  moveCell(id: string, index: number): void {
    this.#edit({ op: 'moveCell', id, index });
  }
  replaceDocument(document: NotebookDocument): void {
    this.#edit({ op: 'replaceDocument', document });
  }

  dispose(): void {
    this.#endpoint.removeEventListener('message', this.#onMessage);
    for (const subject of this.#states.values()) subject.complete();
    this.#states.clear();
    this.#stateObservables.clear();
    this.#document.complete();
    this.#editErrors.complete();
    this.#kinds.complete();
    for (const { reject } of this.#pending.values()) reject(new Error('The notebook was closed.'));
    this.#pending.clear();
    this.#onTerminate?.();
  }

  #edit(edit: NotebookEdit): void {
    this.#sentSeq++;
    this.#restartIfPaused();
    if (this.#supervisor) {
      this.#unconfirmedEdits.push({ seq: this.#sentSeq, edit });
      for (const id of cellsAffectedBy(this.#document.value, edit)) this.#recomputing.add(id);
    }
    this.#post({ type: 'edit', seq: this.#sentSeq, edit });
  }

  #request(build: (requestId: number) => PageToWorker): Promise<void> {
    this.#restartIfPaused();
    const requestId = this.#nextRequestId++;
    const message = build(requestId);
    return new Promise((resolve, reject) => {
      this.#pending.set(requestId, { isLoad: message.type === 'load', resolve, reject });
      this.#post(message);
    });
  }

  /** The worker failed and was terminated: say so where it matters, then restart or pause. */
  #recover(failure: WorkerFailure): void {
    // Computing: what the worker said is pending, and what the edits it was given had still to publish.
    const computing = new Set(
      [...this.#states.values()].filter((subject) => subject.value.status === 'pending'),
    );
    for (const id of this.#recomputing) {
      const subject = this.#states.get(id);
      if (subject) computing.add(subject);
    }
    this.#recomputing.clear();
    const reason =
      failure.kind === 'crashed'
        ? `the worker crashed: ${failure.message}`
        : computing.size > 0
          ? `computation stopped: took longer than ${failure.limitMs / 1000} s`
          : `the worker stopped answering for ${failure.limitMs / 1000} s`;
    for (const subject of computing) {
      subject.next({ status: 'error', version: subject.value.version, error: { message: reason } });
    }
    for (const { isLoad, reject } of this.#pending.values()) {
      // The app introduces a LoadError with "This notebook cannot be opened:", so the reason stands alone.
      const sentence = `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`;
      reject(isLoad ? new LoadError(sentence, []) : new Error(reason));
    }
    this.#pending.clear();
    this.#failuresInARow++;
    if (this.#failuresInARow >= FAILURES_BEFORE_PAUSE) {
      // Replaying the same edits would fail the same way; the document on screen is kept as it is.
      this.#unconfirmedEdits = [];
      this.#editErrors.next(
        `The notebook stopped computing (${reason}), again after a restart. It starts afresh with your next edit.`,
      );
      return;
    }
    this.#editErrors.next(`The notebook's worker was restarted (${reason}).`);
    this.#restart();
  }

  #restartIfPaused(): void {
    if (this.#supervisor && !this.#supervisor.running) this.#restart();
  }

  /** A fresh worker with the current document and the edits the failed one never confirmed. */
  #restart(): void {
    const supervisor = this.#supervisor;
    if (!supervisor) return;
    supervisor.restart();
    const document = this.#document.value;
    if (document) this.load(document).catch(() => {});
    for (const { seq, edit } of this.#unconfirmedEdits) {
      for (const id of cellsAffectedBy(document, edit)) this.#recomputing.add(id);
      this.#post({ type: 'edit', seq, edit });
    }
    this.whenIdle().then(
      () => {
        this.#failuresInARow = 0;
      },
      () => {},
    );
  }

  #post(message: PageToWorker): void {
    this.#endpoint.postMessage(message);
  }

  #subjectFor(id: string): BehaviorSubject<CellState> {
    let subject = this.#states.get(id);
    if (!subject) {
      subject = new BehaviorSubject<CellState>(UNKNOWN_STATE);
      this.#states.set(id, subject);
    }
    return subject;
  }

  readonly #onMessage = (event: MessageEvent): void => {
    const message = event.data as WorkerToPage;
    switch (message.type) {
      case 'kinds':
        this.#kinds.next(new Map(message.kinds.map((kind) => [kind.kind, kind])));
        return;
      case 'document':
        this.#unconfirmedEdits = this.#unconfirmedEdits.filter((queued) => queued.seq > message.seq);
        this.#appliedSeq = Math.max(this.#appliedSeq, message.seq);
        // While edits are in flight, an older snapshot would undo what the user sees (a weight mid-drag).
        if (message.seq < this.#sentSeq) return;
        this.#forgetRemovedCells(message.document);
        this.#document.next(shareUnchanged(this.#document.value, message.document));
        return;
      case 'states':
        // The worker publishes once per pass, after its document snapshot: every sent edit has computed.
        if (this.#appliedSeq >= this.#sentSeq) this.#recomputing.clear();
        for (const [id, encoded] of message.states) {
          this.#subjectFor(id).next(decodeTransferred(encoded) as CellState);
        }
        return;
      case 'loaded':
      case 'idle':
        this.#settle(message.requestId);
        return;
      case 'load-failed':
        this.#settle(message.requestId, new LoadError(message.message, message.problems));
        return;
      case 'edit-failed':
        this.#editErrors.next(message.message);
        return;
      case 'pong': // heartbeats are the supervisor's business
        return;
    }
  };

  #settle(requestId: number, error?: Error): void {
    const pending = this.#pending.get(requestId);
    if (!pending) return;
    this.#pending.delete(requestId);
    if (error) pending.reject(error);
    else pending.resolve();
  }

  #forgetRemovedCells(document: NotebookDocument): void {
    const ids = new Set(document.cells.map((cell) => cell.id));
    for (const [id, subject] of this.#states) {
      if (ids.has(id)) continue;
      subject.complete();
      this.#states.delete(id);
      this.#stateObservables.delete(id);
    }
  }
}

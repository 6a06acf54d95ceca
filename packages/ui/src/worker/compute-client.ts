import type { CellState, NotebookDocument, NotebookEdit, StateBatch } from '@convbook/cells';
import {
  BehaviorSubject,
  defer,
  distinctUntilChanged,
  filter,
  map,
  type Observable,
  Subject,
  shareReplay,
  startWith,
} from 'rxjs';
import type { KindInfo } from '../catalog/value-types';
import { capitalise } from '../format/capitalise';
import { CellTimeLimits, type OverLimitCell, PATIENT_HANG_LIMIT_MS } from './cell-time-limits';
import type { CellCommand, MessageEndpoint, PageToWorker, Problem, WorkerToPage } from './protocol';
import { overBudgetMessage } from './time-limits';
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

const PENDING: CellState = { status: 'pending', version: 0 };
/** After this many failures with no idle moment between them, the worker waits for the next edit. */
const FAILURES_BEFORE_PAUSE = 2;
/** Cells held one after another with no idle moment between: then failures count as above. */
const HOLDS_BEFORE_PAUSE = 5;

export interface SupervisionLimits {
  readonly hangLimitMs: number;
  readonly heartbeatMs: number;
}

/**
 * The page's side of the notebook worker: it forwards the page's document and edits, and turns the
 * worker's per-pass messages into one stream of state batches, from which each cell's `state$` is derived.
 * It holds no document of its own: when the worker crashes or hangs, the supervisor replaces it and this
 * client replays `currentDocument()` — the page's document — into the fresh one.
 */
export class ComputeClient {
  readonly #endpoint: MessageEndpoint;
  readonly #supervisor: WorkerSupervisor | undefined;
  readonly #currentDocument: () => NotebookDocument | undefined;
  readonly #batches = new Subject<StateBatch>();
  /** Each cell's latest state, for a new subscriber and for marking computing cells when a worker fails. */
  readonly #latest = new Map<string, CellState>();
  readonly #stateStreams = new Map<string, Observable<CellState>>();
  readonly #notices = new Subject<string>();
  readonly #kinds = new BehaviorSubject<ReadonlyMap<string, KindInfo>>(new Map());
  readonly #requests = new Map<
    number,
    { readonly isLoad: boolean; resolve: () => void; reject: (error: Error) => void }
  >();
  #nextRequestId = 1;
  #failuresInARow = 0;
  #holdsInARow = 0;
  /** Cells that edits sent since the worker last published will recompute: computing, as far as we know. */
  readonly #awaiting = new Set<string>();
  readonly #timeLimits = new CellTimeLimits();
  readonly #overLimit = new BehaviorSubject<readonly OverLimitCell[]>([]);
  #hangLimitMs = 0;
  #idleWaiters: (() => void)[] = [];

  /** Cells held back for taking too long (or because the notebook opened paused), for "Compute anyway". */
  readonly overLimit$: Observable<readonly OverLimitCell[]> = this.#overLimit.asObservable();

  /** Every kind the worker can compute, by name (empty until the worker has started). */
  readonly kinds$: Observable<ReadonlyMap<string, KindInfo>> = this.#kinds.asObservable();
  /** Sentences for the user: the worker was restarted, an edit was refused. */
  readonly notices$: Observable<string> = this.#notices.asObservable();

  /** Unsupervised, over any endpoint (tests); `supervise` for a real worker. */
  constructor(
    endpoint: MessageEndpoint,
    currentDocument: () => NotebookDocument | undefined,
    spawn?: { readonly spawn: () => SupervisableWorker; readonly limits: SupervisionLimits },
  ) {
    this.#currentDocument = currentDocument;
    this.#supervisor =
      spawn === undefined
        ? undefined
        : new WorkerSupervisor({ ...spawn.limits, spawn: spawn.spawn, onFailure: (f) => this.#recover(f) });
    this.#hangLimitMs = spawn?.limits.hangLimitMs ?? 0;
    this.#endpoint = this.#supervisor ?? endpoint;
    this.#endpoint.addEventListener('message', this.#onMessage);
  }

  /** The cell's state: the latest one first (pending until the worker reports), then each change. */
  state$(id: string): Observable<CellState> {
    let stream = this.#stateStreams.get(id);
    if (stream === undefined) {
      stream = defer(() =>
        this.#batches.pipe(
          filter((batch) => batch.has(id)),
          map((batch) => batch.get(id) ?? PENDING),
          startWith(this.#latest.get(id) ?? PENDING),
        ),
      ).pipe(distinctUntilChanged(), shareReplay({ bufferSize: 1, refCount: true }));
      this.#stateStreams.set(id, stream);
    }
    return stream;
  }

  /**
   * Loads an (already validated) document; rejects with LoadError when the worker refuses it. With
   * `paused`, every cell is held back with that sentence until `computeAnyway()`.
   */
  load(document: NotebookDocument, paused?: string): Promise<void> {
    this.#timeLimits.clear();
    if (paused !== undefined)
      this.#timeLimits.pause(
        document.cells.map((cell) => cell.id),
        paused,
      );
    this.#publishOverLimit();
    return this.#load(document);
  }

  #load(document: unknown): Promise<void> {
    const limits = this.#timeLimits.limits;
    return this.#request((requestId) => ({ type: 'load', requestId, document, limits }));
  }

  /** Computes held cells (one, or all of them) with more time: the worker recomputes the document. */
  computeAnyway(id?: string): void {
    const released =
      id === undefined ? this.#timeLimits.computeAllAnyway() : this.#timeLimits.computeAnyway(id);
    if (!released) return;
    this.#publishOverLimit();
    const document = this.#currentDocument();
    if (document) this.#load(document).catch(() => {});
  }

  get overLimitNow(): readonly OverLimitCell[] {
    return this.#timeLimits.overLimit;
  }

  /** Resolves the next time the worker reports every cell settled (after a restart, too). */
  settled(): Promise<void> {
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Sends an edit the page applied; `recomputes` are the cells it changed (see cellsToRecompute). */
  apply(edit: NotebookEdit, recomputes: readonly string[] = []): void {
    for (const id of recomputes) this.#awaiting.add(id);
    const released = this.#timeLimits.released(edit);
    if (released) this.#publishOverLimit();
    // A paused worker restarts with the page's document, which already holds this edit.
    if (this.#restartIfPaused()) return;
    if (released)
      this.#endpoint.postMessage({ type: 'limits', limits: this.#timeLimits.limits } satisfies PageToWorker);
    this.#endpoint.postMessage({ type: 'edit', edit } satisfies PageToWorker);
  }

  command(command: CellCommand, id: string): void {
    this.#restartIfPaused();
    this.#endpoint.postMessage({ type: 'command', command, id } satisfies PageToWorker);
  }

  /** Resolves once every cell has settled; rejects if the worker crashes or hangs first. */
  whenIdle(): Promise<void> {
    return this.#request((requestId) => ({ type: 'when-idle', requestId }));
  }

  dispose(): void {
    this.#endpoint.removeEventListener('message', this.#onMessage);
    this.#batches.complete();
    this.#notices.complete();
    this.#kinds.complete();
    this.#overLimit.complete();
    for (const { reject } of this.#requests.values()) reject(new Error('The notebook was closed.'));
    this.#requests.clear();
    this.#supervisor?.terminate();
  }

  #request(build: (requestId: number) => PageToWorker): Promise<void> {
    const requestId = this.#nextRequestId++;
    const message = build(requestId);
    const paused = this.#supervisor !== undefined && !this.#supervisor.running;
    if (paused && message.type === 'load') {
      // A load into a paused worker is the restart itself: no second load of the page's document.
      this.#supervisor?.restart();
      this.#timeLimits.restarted();
      this.#watchForIdle();
    } else {
      this.#restartIfPaused();
    }
    return new Promise((resolve, reject) => {
      this.#requests.set(requestId, { isLoad: message.type === 'load', resolve, reject });
      this.#endpoint.postMessage(message);
    });
  }

  /** The worker failed and was terminated: say so where it matters, then restart or pause. */
  #recover(failure: WorkerFailure): void {
    if (this.#holdCulprit(failure)) return;
    const computing = new Map<string, number>();
    for (const [id, state] of this.#latest) if (state.status === 'pending') computing.set(id, state.version);
    for (const id of this.#awaiting) computing.set(id, this.#latest.get(id)?.version ?? 0);
    this.#awaiting.clear();
    const reason =
      failure.kind === 'crashed'
        ? `the worker crashed: ${failure.message}`
        : computing.size > 0
          ? `computation stopped: took longer than ${failure.limitMs / 1000} s`
          : `the worker stopped answering for ${failure.limitMs / 1000} s`;
    const failed = [...computing].map(([id, version]): [string, CellState] => [
      id,
      { status: 'error', version, error: { message: reason } },
    ]);
    this.#publish(new Map(failed));
    for (const { isLoad, reject } of this.#requests.values()) {
      // The app introduces a LoadError with "This notebook cannot be opened:", so the reason stands alone.
      reject(isLoad ? new LoadError(`${capitalise(reason)}.`, []) : new Error(reason));
    }
    this.#requests.clear();
    this.#failuresInARow++;
    if (this.#failuresInARow >= FAILURES_BEFORE_PAUSE) {
      this.#notices.next(
        `The notebook stopped computing (${reason}), again after a restart. It starts afresh with your next edit.`,
      );
      return;
    }
    this.#notices.next(`The notebook's worker was restarted (${reason}).`);
    this.#restart();
  }

  /**
   * The worker failed inside one cell it named: that cell alone errors and is held back, and a fresh
   * worker computes the rest. A cell that fails every time is held after its first failure, and after
   * a few holds with no idle moment between them failures pause the worker as before: no restart loop.
   */
  #holdCulprit(failure: WorkerFailure): boolean {
    const id = this.#timeLimits.culprit();
    const document = this.#currentDocument();
    if (id === undefined || !document?.cells.some((cell) => cell.id === id)) return false;
    if (++this.#holdsInARow > HOLDS_BEFORE_PAUSE) return false;
    const message =
      failure.kind === 'hung'
        ? CellTimeLimits.hangMessage(failure.limitMs, this.#timeLimits.patientRunning())
        : `made the worker crash (${failure.message}), so it was stopped and the other cells computed without it; choose “Compute anyway” to try again`;
    this.#timeLimits.hold(id, message);
    this.#awaiting.delete(id);
    this.#publish(
      new Map([[id, { status: 'error', version: this.#latest.get(id)?.version ?? 0, error: { message } }]]),
    );
    for (const { reject } of this.#requests.values()) reject(new Error(message));
    this.#requests.clear();
    this.#publishOverLimit();
    const title = document.cells.find((cell) => cell.id === id)?.title ?? id;
    this.#notices.next(`“${title}” ${message.split(';')[0]}.`);
    this.#restart();
    return true;
  }

  #publishOverLimit(): void {
    if (!this.#overLimit.closed) this.#overLimit.next(this.#timeLimits.overLimit);
  }

  /** A cell's computation starts: a cell given more time gets a longer hang limit while it runs. */
  #onComputing(id: string): void {
    this.#timeLimits.computing(id);
    this.#adjustHangLimit();
  }

  #adjustHangLimit(): void {
    if (this.#supervisor)
      this.#supervisor.hangLimitMs = this.#timeLimits.patientRunning()
        ? PATIENT_HANG_LIMIT_MS
        : this.#hangLimitMs;
  }

  /** Restarts a worker left down after repeated failures; true when it did (and replayed the document). */
  #restartIfPaused(): boolean {
    if (!this.#supervisor || this.#supervisor.running) return false;
    this.#restart();
    return true;
  }

  /** A fresh worker, handed the page's document as it is now. */
  #restart(): void {
    this.#supervisor?.restart();
    this.#timeLimits.restarted();
    this.#adjustHangLimit();
    const document = this.#currentDocument();
    if (document) this.#load(document).catch(() => {});
    this.#watchForIdle();
  }

  /** Once the fresh worker has been idle, failures start counting from zero again. */
  #watchForIdle(): void {
    this.whenIdle().then(
      () => {
        this.#failuresInARow = 0;
        this.#holdsInARow = 0;
      },
      () => {},
    );
  }

  #publish(batch: StateBatch): void {
    for (const [id, state] of batch) {
      if (state === undefined) {
        this.#latest.delete(id);
        this.#stateStreams.delete(id);
      } else this.#latest.set(id, state);
    }
    if (batch.size > 0) this.#batches.next(batch);
  }

  readonly #onMessage = (event: MessageEvent): void => {
    const message = event.data as WorkerToPage;
    switch (message.type) {
      case 'kinds':
        this.#kinds.next(new Map(message.kinds.map((kind) => [kind.kind, kind])));
        return;
      case 'states':
        this.#awaiting.clear(); // the worker has reached the edits: their cells now report for themselves
        this.#onStates(
          new Map(
            message.states.map(([id, encoded]) => [
              id,
              encoded === null ? undefined : (decodeTransferred(encoded) as CellState),
            ]),
          ),
        );
        return;
      case 'computing':
        this.#onComputing(message.id);
        return;
      case 'over-budget':
        this.#timeLimits.hold(message.id, overBudgetMessage(message.budgetMs));
        this.#endpoint.postMessage({
          type: 'limits',
          limits: this.#timeLimits.limits,
        } satisfies PageToWorker);
        this.#publishOverLimit();
        return;
      case 'loaded':
        this.#settle(message.requestId);
        return;
      case 'idle':
        this.#settle(message.requestId);
        for (const resolve of this.#idleWaiters.splice(0)) resolve();
        return;
      case 'load-failed':
        this.#settle(message.requestId, new LoadError(message.message, message.problems));
        return;
      case 'edit-failed':
        this.#notices.next(message.message);
        return;
      case 'pong': // heartbeats are the supervisor's business
        return;
    }
  };

  #onStates(batch: StateBatch): void {
    this.#timeLimits.settled(batch);
    this.#adjustHangLimit();
    this.#publish(batch);
  }

  #settle(requestId: number, error?: Error): void {
    const pending = this.#requests.get(requestId);
    if (!pending) return;
    this.#requests.delete(requestId);
    if (error) pending.reject(error);
    else pending.resolve();
  }
}

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
import type { CellCommand, MessageEndpoint, PageToWorker, Problem, WorkerToPage } from './protocol';
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
  /** Cells that edits sent since the worker last published will recompute: computing, as far as we know. */
  readonly #awaiting = new Set<string>();

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

  /** Loads an (already validated) document; rejects with LoadError when the worker refuses it. */
  load(document: unknown): Promise<void> {
    return this.#request((requestId) => ({ type: 'load', requestId, document }));
  }

  /** Sends an edit the page applied; `recomputes` are the cells it changed (see cellsToRecompute). */
  apply(edit: NotebookEdit, recomputes: readonly string[] = []): void {
    for (const id of recomputes) this.#awaiting.add(id);
    // A paused worker restarts with the page's document, which already holds this edit.
    if (this.#restartIfPaused()) return;
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
      reject(
        isLoad
          ? new LoadError(`${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`, [])
          : new Error(reason),
      );
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

  /** Restarts a worker left down after repeated failures; true when it did (and replayed the document). */
  #restartIfPaused(): boolean {
    if (!this.#supervisor || this.#supervisor.running) return false;
    this.#restart();
    return true;
  }

  /** A fresh worker, handed the page's document as it is now. */
  #restart(): void {
    this.#supervisor?.restart();
    const document = this.#currentDocument();
    if (document) this.load(document).catch(() => {});
    this.#watchForIdle();
  }

  /** Once the fresh worker has been idle, failures start counting from zero again. */
  #watchForIdle(): void {
    this.whenIdle().then(
      () => {
        this.#failuresInARow = 0;
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
        this.#publish(
          new Map(
            message.states.map(([id, encoded]) => [
              id,
              encoded === null ? undefined : (decodeTransferred(encoded) as CellState),
            ]),
          ),
        );
        return;
      case 'loaded':
      case 'idle':
        this.#settle(message.requestId);
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

  #settle(requestId: number, error?: Error): void {
    const pending = this.#requests.get(requestId);
    if (!pending) return;
    this.#requests.delete(requestId);
    if (error) pending.reject(error);
    else pending.resolve();
  }
}

import type { MessageEndpoint, PageToWorker, WorkerToPage } from './protocol';

/** A new worker gets this many hang limits to announce itself. */
const STARTUP_LIMITS = 3;

/** The part of a `Worker` the supervisor uses (a fake in the unit tests). */
export interface SupervisableWorker extends MessageEndpoint {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/** Why a worker was given up: it threw an uncaught error, or it stopped answering. */
export type WorkerFailure =
  | { readonly kind: 'crashed'; readonly message: string }
  | { readonly kind: 'hung'; readonly limitMs: number };

export interface SupervisorOptions {
  /** Starts a fresh worker; called once at construction and again on every `restart()`. */
  readonly spawn: () => SupervisableWorker;
  /** A worker that leaves a heartbeat unanswered this long is considered hung. */
  readonly hangLimitMs: number;
  /** How often a heartbeat is sent. */
  readonly heartbeatMs: number;
  /** Called after a failed worker has been terminated; the supervisor stays down until `restart()`. */
  readonly onFailure: (failure: WorkerFailure) => void;
}

/**
 * Keeps one notebook worker honest. It is the page's message endpoint: messages go to the current worker,
 * and listeners stay attached across replacements. A worker that reports an uncaught error, or leaves a
 * heartbeat (`ping`) unanswered for `hangLimitMs`, is terminated and reported; whoever owns the supervisor
 * decides whether to `restart()`. The runtime answers a ping between computations (long ones yield between
 * steps), so only a computation stuck for the whole limit, or a dead worker, goes silent that long.
 */
export class WorkerSupervisor implements MessageEndpoint {
  readonly #options: SupervisorOptions;
  readonly #listeners = new Set<(event: MessageEvent) => void>();
  #worker: SupervisableWorker | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #nextPing = 1;
  /** The unanswered ping and when it was sent; none before the worker's first message (it may still be loading). */
  #awaiting: { readonly id: number; readonly sentAt: number } | undefined;
  #heard = false;
  #spawnedAt = 0;
  #hangLimitMs: number;

  constructor(options: SupervisorOptions) {
    this.#options = options;
    this.#hangLimitMs = options.hangLimitMs;
    this.restart();
  }

  /** The silence allowed now: longer while the worker computes a cell the user gave more time. */
  set hangLimitMs(ms: number) {
    this.#hangLimitMs = ms;
  }

  /** True while a worker is running (false after a failure until `restart()`, and after `terminate()`). */
  get running(): boolean {
    return this.#worker !== undefined;
  }

  /** Terminates the current worker, if any, and starts a fresh one. */
  restart(): void {
    this.#stop();
    const worker = this.#options.spawn();
    this.#worker = worker;
    this.#heard = false;
    this.#spawnedAt = Date.now();
    worker.addEventListener('message', (event) => this.#onMessage(worker, event));
    worker.addEventListener('error', (event) => {
      // Handled here: the page reports it in the affected cells rather than as an uncaught error.
      event.preventDefault();
      if (worker === this.#worker) this.#fail({ kind: 'crashed', message: describeErrorEvent(event) });
    });
    this.#heartbeat = setInterval(() => this.#beat(), this.#options.heartbeatMs);
  }

  /** Stops for good: no worker, no heartbeat. */
  terminate(): void {
    this.#stop();
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.#worker?.postMessage(message, transfer);
  }

  addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.#listeners.add(listener);
  }

  removeEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.#listeners.delete(listener);
  }

  #onMessage(worker: SupervisableWorker, event: MessageEvent): void {
    if (worker !== this.#worker) return; // a late message from a replaced worker
    this.#heard = true;
    const message = event.data as WorkerToPage;
    if (message.type === 'pong') {
      if (message.id === this.#awaiting?.id) this.#awaiting = undefined;
      return;
    }
    for (const listener of this.#listeners) listener(event);
  }

  #beat(): void {
    if (!this.#worker) return;
    if (!this.#heard) {
      // Loading the module and compiling WASM can take a while on a slow machine; a worker that has not
      // said a word after several hang limits is stuck all the same.
      if (Date.now() - this.#spawnedAt >= STARTUP_LIMITS * this.#options.hangLimitMs) {
        this.#fail({ kind: 'hung', limitMs: STARTUP_LIMITS * this.#options.hangLimitMs });
      }
      return;
    }
    if (this.#awaiting === undefined) {
      this.#awaiting = { id: this.#nextPing++, sentAt: Date.now() };
      this.#worker.postMessage({ type: 'ping', id: this.#awaiting.id } satisfies PageToWorker);
    } else if (Date.now() - this.#awaiting.sentAt >= this.#hangLimitMs) {
      this.#fail({ kind: 'hung', limitMs: this.#hangLimitMs });
    }
  }

  #fail(failure: WorkerFailure): void {
    this.#stop();
    this.#options.onFailure(failure);
  }

  #stop(): void {
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    this.#awaiting = undefined;
    this.#worker?.terminate();
    this.#worker = undefined;
  }
}

function describeErrorEvent(event: ErrorEvent): string {
  const text = event.message || (event.error instanceof Error ? event.error.message : '');
  return text.replace(/^Uncaught /, '').replace(/^Error: /, '') || 'it could not be loaded';
}

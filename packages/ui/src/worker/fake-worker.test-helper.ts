import { serveNotebook } from './notebook-server';
import type { MessageEndpoint } from './protocol';
import type { SupervisableWorker } from './worker-supervisor';

/**
 * A stand-in for the notebook Worker in Node: the real notebook server on the far side of a MessageChannel,
 * plus the two faults a real worker can have. `hang()` makes it go silent both ways, as a worker stuck in a
 * loop does; `crash()` fires the `error` event a Worker fires for an uncaught exception.
 */
export class FakeWorker implements SupervisableWorker {
  readonly #channel = new MessageChannel();
  readonly #stopServer: () => void;
  readonly #messageListeners = new Set<(event: MessageEvent) => void>();
  readonly #errorListeners = new Set<(event: ErrorEvent) => void>();
  #hung = false;
  #deaf = false;
  #hangAfterEdit = false;
  terminated = false;
  /** A cell whose computation never ends: the worker names it, then goes silent (stuck in it). */
  hangInCell: string | undefined;

  constructor() {
    const { port1, port2 } = this.#channel;
    port1.start();
    port2.start();
    port1.addEventListener('message', (event) => {
      if (this.#hung || this.terminated) return;
      for (const listener of this.#messageListeners) listener(event);
      const data = event.data as { type?: unknown; id?: unknown };
      if (data.type === 'computing' && data.id === this.hangInCell) this.hang();
    });
    this.#stopServer = serveNotebook(port2 as unknown as MessageEndpoint);
  }

  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  addEventListener(
    type: 'message' | 'error',
    listener: ((event: MessageEvent) => void) | ((event: ErrorEvent) => void),
  ): void {
    if (type === 'message') this.#messageListeners.add(listener as (event: MessageEvent) => void);
    else this.#errorListeners.add(listener as (event: ErrorEvent) => void);
  }

  removeEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.#messageListeners.delete(listener);
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    if (!this.#hung && !this.#deaf && !this.terminated) this.#channel.port1.postMessage(message, transfer);
    if (this.#hangAfterEdit && (message as { type?: unknown }).type === 'edit') this.hang();
  }

  hang(): void {
    this.#hung = true;
  }

  /** Takes the next edit, then hangs before publishing any cell state. */
  hangWhileComputing(): void {
    this.#hangAfterEdit = true;
  }

  /** Hears nothing the page sends, but has already announced itself: stuck on its first message. */
  hangOnFirstMessage(): void {
    this.#deaf = true;
  }

  crash(message: string): void {
    // Node has no ErrorEvent; the supervisor reads only `message`, `error` and `preventDefault`.
    const event = Object.assign(new Event('error', { cancelable: true }), { message, error: undefined });
    for (const listener of this.#errorListeners) listener(event as unknown as ErrorEvent);
  }

  terminate(): void {
    if (this.terminated) return;
    this.terminated = true;
    this.#stopServer();
    this.#channel.port1.close();
    this.#channel.port2.close();
  }
}

/** Spawns fake workers and keeps them, so a test can fault the current one and count replacements. */
export class FakeWorkerPool {
  readonly spawned: FakeWorker[] = [];
  /** When set, every new worker hangs as soon as it has announced itself (a document that always hangs). */
  hangOnStart = false;
  /** When set, every new worker gets stuck computing this cell. */
  hangInCell: string | undefined;

  readonly spawn = (): FakeWorker => {
    const worker = new FakeWorker();
    this.spawned.push(worker);
    if (this.hangOnStart) worker.hangOnFirstMessage();
    worker.hangInCell = this.hangInCell;
    return worker;
  };

  get current(): FakeWorker {
    const last = this.spawned[this.spawned.length - 1];
    if (!last) throw new Error('no worker was spawned');
    return last;
  }
}

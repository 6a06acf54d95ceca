/**
 * A pool of long-lived workers that run one job each at a time. Core stays free of any environment: the
 * caller supplies `spawn`, which wraps a node:worker_threads Worker, a Web Worker or anything else that
 * can pass messages (see node-worker-pool.ts for Node).
 */

/** The little of a worker the pool needs. */
export interface WorkerPort {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called when the worker itself fails (its script did not load, or it threw outside a job). */
  onError(listener: (error: Error) => void): void;
  terminate(): unknown;
}

export interface WorkerPool {
  readonly size: number;
  /**
   * Runs a job on the next free worker; resolves with the worker's reply to it. When `signal` aborts, the
   * job rejects at once with its reason: still queued, it is never sent; already running, its worker is
   * stopped and replaced by a fresh one (a computation cannot be interrupted from outside), so the core is
   * free again for the next job.
   */
  run(job: unknown, transfer?: ArrayBuffer[], signal?: AbortSignal): Promise<unknown>;
  /** Stops every worker; pending jobs reject. */
  close(): Promise<void>;
}

/** What a worker posts back: the job's id and its result or error message. */
export type JobReply =
  | { id: number; status: 'ok'; result: unknown }
  | { id: number; status: 'error'; message: string };

interface PendingJob {
  readonly id: number;
  readonly job: unknown;
  readonly transfer: ArrayBuffer[];
  readonly signal: AbortSignal | undefined;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  port: WorkerPort | undefined;
  current: PendingJob | undefined;
}

/** Failures in a row, with no job finished between them, after which a pool stops replacing workers. */
const FAILURES_BEFORE_GIVING_UP = 3;

export function createWorkerPool(spawn: () => WorkerPort, size: number): WorkerPool {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`worker pool: size must be an integer >= 1, got ${size}`);
  const queue: PendingJob[] = [];
  let nextId = 0;
  let closed = false;
  let failuresInARow = 0;

  /** The next queued job whose signal has not aborted (one signal covers every band of a conv). */
  const nextLive = (): PendingJob | undefined => {
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
      if (!job.signal?.aborted) return job;
      job.reject(job.signal.reason as Error);
    }
    return undefined;
  };

  const dispatch = (): void => {
    for (const slot of slots) {
      if (slot.current !== undefined || slot.port === undefined) continue;
      const job = nextLive();
      if (job === undefined) return;
      slot.current = job;
      slot.port.postMessage({ id: job.id, job: job.job }, job.transfer);
    }
    // Every worker failed to start, again and again: say so rather than leave jobs waiting forever.
    if (slots.every((slot) => slot.port === undefined)) {
      const error = new Error('worker pool: its workers keep failing');
      for (const job of queue.splice(0)) job.reject(error);
    }
  };

  /** Starts a worker in `slot`; one that fails is replaced, so later jobs still find a worker. */
  const start = (slot: Slot): void => {
    const port = spawn();
    slot.port = port;
    port.onMessage((message) => {
      const reply = message as JobReply;
      const job = slot.current;
      if (slot.port !== port || job === undefined || reply.id !== job.id) return;
      slot.current = undefined;
      failuresInARow = 0;
      if (reply.status === 'ok') job.resolve(reply.result);
      else job.reject(new Error(reply.message));
      dispatch();
    });
    port.onError((error) => {
      if (slot.port !== port) return;
      slot.current?.reject(error);
      slot.current = undefined;
      slot.port = undefined;
      void port.terminate();
      failuresInARow++;
      if (!closed && failuresInARow < FAILURES_BEFORE_GIVING_UP * size) start(slot);
      dispatch();
    });
  };

  /** An aborted job: dropped from the queue, or its worker stopped and replaced. */
  const abandon = (job: PendingJob, reason: unknown): void => {
    const queued = queue.indexOf(job);
    if (queued !== -1) queue.splice(queued, 1);
    const slot = slots.find((s) => s.current === job);
    if (slot !== undefined) {
      const port = slot.port;
      slot.current = undefined;
      slot.port = undefined;
      void port?.terminate();
      if (!closed) start(slot);
    }
    job.reject(reason as Error);
    dispatch();
  };

  const slots: Slot[] = Array.from({ length: size }, () => ({ port: undefined, current: undefined }));
  for (const slot of slots) start(slot);

  return {
    size,
    run(job, transfer = [], signal) {
      if (closed) return Promise.reject(new Error('worker pool: already closed'));
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise((resolve, reject) => {
        const onAbort = (): void => abandon(pending, signal?.reason);
        const settled = (): void => signal?.removeEventListener('abort', onAbort);
        const pending: PendingJob = {
          id: nextId++,
          job,
          transfer,
          signal,
          resolve: (result) => {
            settled();
            resolve(result);
          },
          reject: (error) => {
            settled();
            reject(error);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(pending);
        dispatch();
      });
    },
    async close() {
      closed = true;
      const stopped = new Error('worker pool: closed before the job finished');
      for (const job of queue.splice(0)) job.reject(stopped);
      for (const slot of slots) slot.current?.reject(stopped);
      await Promise.all(slots.map((slot) => slot.port?.terminate()));
    },
  };
}

/**
 * The worker side: answers every `{ id, job }` message with `handle(job)`'s result, transferring the
 * buffers `handle` names so results are not copied.
 */
export function serveJobs(
  port: {
    postMessage(message: unknown, transfer: ArrayBuffer[]): void;
    onMessage(listener: (message: unknown) => void): void;
  },
  handle: (job: unknown) => Promise<{ result: unknown; transfer: ArrayBuffer[] }>,
): void {
  port.onMessage(async (message) => {
    const { id, job } = message as { id: number; job: unknown };
    try {
      const { result, transfer } = await handle(job);
      port.postMessage({ id, status: 'ok', result } satisfies JobReply, transfer);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      port.postMessage({ id, status: 'error', message: text } satisfies JobReply, []);
    }
  });
}

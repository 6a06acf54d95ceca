import { ready } from '../ready';
import { runTrainJob, type TrainJob } from '../train/parallel-gradients';
import { runConvJob } from './conv-job';
import { createWorkerPool, serveJobs, type WorkerPool, type WorkerPort } from './worker-pool';

/**
 * The little of a Web Worker (or a MessagePort) that the pool and the worker side use, typed by shape
 * so core needs no DOM library: `new Worker(url, { type: 'module' })` fits it, and so does a worker's
 * global `self`.
 */
export interface MessageEndpoint {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: unknown) => void): void;
}

export interface SpawnedWorker extends MessageEndpoint {
  terminate(): void;
}

/**
 * A WorkerPool over Web Workers: `spawn` creates one (the bundler resolves its script, e.g. Vite's
 * `new Worker(new URL('./conv-worker.ts', import.meta.url), { type: 'module' })`), whose script calls
 * serveConvJobs(self).
 */
export function createWebWorkerPool(spawn: () => SpawnedWorker, size: number): WorkerPool {
  return createWorkerPool(() => {
    const worker = spawn();
    return {
      postMessage: (message, transfer) => worker.postMessage(message, transfer),
      onMessage: (listener) => worker.addEventListener('message', (event) => listener(dataOf(event))),
      onError: (listener) => {
        worker.addEventListener('error', (event) => listener(errorOf(event)));
        worker.addEventListener('messageerror', () =>
          listener(new Error('conv worker: message could not be read')),
        );
      },
      terminate: () => worker.terminate(),
    } satisfies WorkerPort;
  }, size);
}

/** The worker side: answers conv2dParallel's jobs arriving on `scope` (a worker's `self`). */
export function serveConvJobs(scope: MessageEndpoint): void {
  serveJobs(
    {
      postMessage: (message, transfer) => scope.postMessage(message, transfer),
      onMessage: (listener) => scope.addEventListener('message', (event) => listener(dataOf(event))),
    },
    runConvJob,
  );
}

/**
 * The worker side of two-thread training in a browser (openParallelTrainer): answers shard-gradient jobs
 * on `scope`, and runs of steps over shared memory on a cross-origin-isolated page (the worker then blocks
 * on Atomics between steps). Its pool is `createWebWorkerPool(spawn, 1)`, handed to cells as the third
 * argument of createParallelConv.
 */
export function serveTrainJobs(scope: MessageEndpoint): void {
  serveJobs(
    {
      postMessage: (message, transfer) => scope.postMessage(message, transfer),
      onMessage: (listener) => scope.addEventListener('message', (event) => listener(dataOf(event))),
    },
    async (job) => {
      await ready();
      return runTrainJob(job as TrainJob);
    },
  );
}

function dataOf(event: unknown): unknown {
  return typeof event === 'object' && event !== null && 'data' in event ? event.data : undefined;
}

/** A worker's ErrorEvent carries a message (its script failed to load, or threw outside a job). */
function errorOf(event: unknown): Error {
  if (event instanceof Error) return event;
  const message =
    typeof event === 'object' && event !== null && 'message' in event && typeof event.message === 'string'
      ? event.message
      : 'the script failed to load or threw';
  return new Error(`conv worker: ${message}`);
}

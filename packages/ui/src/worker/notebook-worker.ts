import { findCellKind } from '@convbook/cells';
import {
  createParallelConv,
  createWebWorkerPool,
  ready,
  readyStorage,
  type SpawnedWorker,
  setFloatStorage,
} from '@convbook/core';
import { deferringSlowKinds } from './defer-slow-kinds';
import { serveNotebook } from './notebook-server';

// The worker entry: all computation happens here, off the page's main thread. The worker entries are
// type-checked with the WebWorker lib (tsconfig.worker.json), where `self` is the worker scope.
//
// A conv too big for one core is split across nested workers (conv-worker.ts), one per core up to four;
// they start on the first such conv, so most notebooks never spawn them. Training takes one more nested
// worker (train-worker.ts) for the second half of every batch, started by the first training run.
const cores = Math.min(navigator.hardwareConcurrency || 1, 4);
const spawnConvWorker = (): SpawnedWorker =>
  new Worker(new URL('./conv-worker.ts', import.meta.url), { type: 'module', name: 'convbook-conv' });
const spawnTrainWorker = (): SpawnedWorker =>
  new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module', name: 'convbook-train' });
const parallel =
  cores > 1
    ? createParallelConv(
        () => createWebWorkerPool(spawnConvWorker, cores),
        undefined,
        () => createWebWorkerPool(spawnTrainWorker, 1),
      )
    : undefined;
// On a cross-origin-isolated page (as `pnpm start` serves it) big maps are computed into shared memory,
// so they reach the page without a copy (transfer-codec.ts): 30 MB of maps per edit of a 512² network.
if (self.crossOriginIsolated) setFloatStorage('shared');
// Gradient cells start a task after the maps of the same edit, so the maps reach the page first.
serveNotebook(self, {
  parallel,
  findKind: deferringSlowKinds(findCellKind),
  // Touches the next edit's output memory ahead of time (float-storage.ts): 12 ms less per 16 MB map.
  idleWork: readyStorage,
});
// Swap in the WASM SIMD kernels as soon as they compile. Until then (a few ms) cells compute with the
// reference kernels, which give the same numbers, so nothing waits on the load and no message is missed.
void ready();

import { afterAll, afterEach, beforeAll } from 'vitest';
import { ready } from '../ready';
import type { Tensor } from '../tensor';
import { createNodeWorkerPool } from './node-worker-pool';
import type { WorkerPool } from './worker-pool';

/**
 * What the parallel conv tests share: two Node worker threads for the whole file, with the WASM kernels
 * loaded, and `crossOriginIsolated` (set by a test as a page has it) cleared after each test.
 */
export function twoWorkers(): { readonly pool: WorkerPool } {
  const workers = { pool: undefined as unknown as WorkerPool };
  beforeAll(async () => {
    await ready();
    workers.pool = createNodeWorkerPool(2);
  });
  afterAll(() => workers.pool.close());
  afterEach(() => {
    delete isolation.crossOriginIsolated;
  });
  return workers;
}

/** The global a page's `crossOriginIsolated` lives in, which conv2dParallel reads. */
export const isolation = globalThis as { crossOriginIsolated?: boolean };

/** A tensor's values as their bit patterns: NaN's sign and payload, −0 and ±∞ all count. */
export const bits = (t: Tensor): number[] =>
  Array.from(new Int32Array(t.data.buffer, t.data.byteOffset, t.data.length));

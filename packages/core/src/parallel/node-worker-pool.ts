import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createWorkerPool, type WorkerPool } from './worker-pool';

/**
 * A WorkerPool of node:worker_threads workers that serve conv2dParallel jobs. Reached through
 * `@convbook/core/node` only, so browser bundles never see node: imports.
 *
 * Core ships TypeScript sources, and a worker thread does not inherit the parent's TypeScript loader, so
 * each worker starts with a one-line script that loads its entry through tsx's programmatic import.
 */
export function createNodeWorkerPool(size = Math.max(1, availableParallelism())): WorkerPool {
  const bootstrap = workerBootstrap();
  return createWorkerPool(() => {
    const worker = new Worker(bootstrap, { eval: true });
    return {
      postMessage: (message, transfer) => worker.postMessage(message, transfer),
      onMessage: (listener) => worker.on('message', listener),
      onError: (listener) => worker.on('error', listener),
      terminate: () => worker.terminate(),
    };
  }, size);
}

function workerBootstrap(): string {
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsxImport = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./node-worker-entry.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsxImport)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
}

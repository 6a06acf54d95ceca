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
  return spawnPool('./node-worker-entry.ts', size);
}

/**
 * One worker thread that computes the second shard of every training batch for parallelTrainStep (the
 * calling thread computes the first): both cores for training.
 */
export function createNodeTrainPool(): WorkerPool {
  return spawnPool('./node-train-worker-entry.ts', 1);
}

function spawnPool(entryPath: string, size: number): WorkerPool {
  const bootstrap = workerBootstrap(entryPath);
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

function workerBootstrap(entryPath: string): string {
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsxImport = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  const entry = new URL(entryPath, import.meta.url).href;
  return `import(${JSON.stringify(tsxImport)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
}

import { describe, expect, it } from 'vitest';
import { conv2d } from '../conv2d';
import { randomTensor } from '../testing/random-tensor';
import { conv2dParallel } from './conv2d-parallel';
import {
  createWebWorkerPool,
  type MessageEndpoint,
  type SpawnedWorker,
  serveConvJobs,
} from './web-worker-pool';

// A Web Worker stand-in: a MessageChannel whose far port is served on this thread, as a worker's `self`
// would be. It has the same addEventListener/postMessage surface and the same structured clone and
// transfer, so the adapters are exercised for real; only the second thread is missing.

function channelWorker(): SpawnedWorker {
  const { port1, port2 } = new MessageChannel();
  serveConvJobs(port2 as unknown as MessageEndpoint);
  return {
    postMessage: (message, transfer) => port1.postMessage(message, transfer),
    addEventListener: (type, listener) => port1.addEventListener(type, listener),
    terminate: () => {
      port1.close();
      port2.close();
    },
  };
}

describe('createWebWorkerPool and serveConvJobs', () => {
  it('carry conv2dParallel jobs both ways and give the one-thread result', async () => {
    const pool = createWebWorkerPool(channelWorker, 2);
    try {
      const x = randomTensor([3, 17, 19], 3);
      const w = randomTensor([5, 3, 3, 3], 4);
      for (const options of [
        { padding: 'same' as const },
        { padding: 1, paddingMode: 'circular' as const },
      ]) {
        const split = await conv2dParallel(x, w, options, pool);
        expect(split.data).toEqual(conv2d(x, w, options).data);
      }
    } finally {
      await pool.close();
    }
  });

  it("turn a worker's error event into a rejected job", async () => {
    const { port1 } = new MessageChannel();
    const listeners: ((event: unknown) => void)[] = [];
    const broken: SpawnedWorker = {
      postMessage: () => {
        for (const listener of listeners) listener({ message: 'SyntaxError: Unexpected token' });
      },
      addEventListener: (type, listener) => {
        if (type === 'error') listeners.push(listener);
      },
      terminate: () => port1.close(),
    };
    const pool = createWebWorkerPool(() => broken, 1);
    await expect(pool.run({})).rejects.toThrow('conv worker: SyntaxError: Unexpected token');
    await pool.close();
  });
});

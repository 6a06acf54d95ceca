import { describe, expect, it } from 'vitest';
import { conv2d } from '../conv2d';
import { createRandom } from '../random';
import { randomTensor } from '../testing/random-tensor';
import { Network } from '../train/network';
import { parallelTrainStep } from '../train/parallel-gradients';
import { conv2dParallel } from './conv2d-parallel';
import {
  createWebWorkerPool,
  type MessageEndpoint,
  type SpawnedWorker,
  serveConvJobs,
  serveTrainJobs,
} from './web-worker-pool';

// A Web Worker stand-in: a MessageChannel whose far port is served on this thread, as a worker's `self`
// would be. It has the same addEventListener/postMessage surface and the same structured clone and
// transfer, so the adapters are exercised for real; only the second thread is missing.

function channelWorker(serve = serveConvJobs): SpawnedWorker {
  const { port1, port2 } = new MessageChannel();
  serve(port2 as unknown as MessageEndpoint);
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

  it('carry training shards both ways (serveTrainJobs): the weights of one thread, bit for bit', async () => {
    const pool = createWebWorkerPool(() => channelWorker(serveTrainJobs), 1);
    const specs = [
      {
        kind: 'conv',
        id: 'c',
        outChannels: 2,
        kernel: [3, 3],
        stride: [1, 1],
        pad: [1, 1, 1, 1],
        activation: 'relu',
      },
      { kind: 'flatten', id: 'f' },
      { kind: 'dense', id: 'd', units: 3, activation: 'none' },
    ] as const;
    const make = (): Network => {
      const net = new Network([1, 5, 5], specs, 4);
      net.initialize(createRandom(2), () => 'he');
      const random = createRandom(3);
      for (let i = 0; i < net.input.length; i++) net.input[i] = random();
      return net;
    };
    try {
      const one = make();
      const two = make();
      const labels = [0, 2, 1, 2];
      for (let step = 0; step < 3; step++) {
        one.trainStep(labels, 4, { optimizer: 'sgd', learningRate: 0.1 });
        await parallelTrainStep(two, pool, labels, 4, { optimizer: 'sgd', learningRate: 0.1 });
      }
      for (const [i, p] of one.parameters().entries())
        expect(two.parameters()[i]?.weights).toEqual(p.weights);
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

// The script each Node worker of createNodeTrainPool runs: serve training jobs (one shard by message, or a
// run of steps over shared memory) on the parent port.
import { parentPort } from 'node:worker_threads';
import { ready } from '../ready';
import { runTrainJob, type TrainJob } from '../train/parallel-gradients';
import { serveJobs } from './worker-pool';

const port = parentPort;
if (port === null) throw new Error('node-train-worker-entry must run inside a worker thread');
serveJobs(
  {
    postMessage: (message, transfer) => port.postMessage(message, transfer),
    onMessage: (listener) => port.on('message', listener),
  },
  async (job) => {
    await ready();
    return runTrainJob(job as TrainJob);
  },
);

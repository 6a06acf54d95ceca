// The script each Node worker of createNodeTrainPool runs: serve shard-gradient jobs on the parent port.
import { parentPort } from 'node:worker_threads';
import { ready } from '../ready';
import { runShardJob, type ShardJob } from '../train/parallel-gradients';
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
    return runShardJob(job as ShardJob);
  },
);

// The script each Node worker of createNodeWorkerPool runs: serve conv jobs on the parent port.
import { parentPort } from 'node:worker_threads';
import { runConvJob } from './conv-job';
import { serveJobs } from './worker-pool';

const port = parentPort;
if (port === null) throw new Error('node-worker-entry must run inside a worker thread');
serveJobs(
  {
    postMessage: (message, transfer) => port.postMessage(message, transfer),
    onMessage: (listener) => port.on('message', listener),
  },
  runConvJob,
);

// pnpm --filter @convbook/cells exec tsx bench/profile-two-threads.ts: the digits training step (batch 20,
// or BATCH=10) on one thread, on two over shared memory and on two by messages, interleaved round by
// round; prints medians and fastest rounds, the load average, and how many second halves the worker did.
import { loadavg } from 'node:os';
import {
  createRandom,
  DIGITS_CNN_LAYERS,
  Network,
  openParallelTrainer,
  type ParallelTrainer,
  ready,
  type WorkerPool,
} from '@convbook/core';
import { createNodeTrainPool } from '@convbook/core/node';
import { DIGIT_PIXELS, loadDigits } from '../src/kinds/digits/digits-data';

const BATCH = Number(process.env.BATCH ?? 20);
const ROUNDS = Number(process.env.ROUNDS ?? 9);
const REPS = 40;
await ready();
const digits = await loadDigits();
const images = Float32Array.from(digits.pixels.subarray(0, 2000 * DIGIT_PIXELS), (v) => v / 255);
const labels = digits.labels.subarray(0, 2000);
const adam = { optimizer: 'adam', learningRate: 0.002 } as const;

function network(): Network {
  const net = new Network([1, 28, 28], DIGITS_CNN_LAYERS, BATCH);
  net.initialize(createRandom(1), (p) => (p.layerId === 'dense' ? 'glorot' : 'he'));
  return net;
}
// One worker per two-thread engine: a worker serving a shared-memory run blocks between its steps.
const pools: WorkerPool[] = [];
interface Engine {
  readonly name: string;
  readonly net: Network;
  readonly trainer?: ParallelTrainer;
  cursor: number;
  readonly times: number[];
  /** CPU time of the whole process (both threads) per step, ms. */
  readonly cpu: number[];
}
const make = (name: string, shareMemory?: boolean, adaptive = false): Engine => {
  const net = network();
  const pool = createNodeTrainPool();
  pools.push(pool);
  const trainer =
    shareMemory === undefined ? undefined : openParallelTrainer(net, pool, { shareMemory, adaptive });
  return { name, net, ...(trainer === undefined ? {} : { trainer }), cursor: 0, times: [], cpu: [] };
};
const engines = [
  make('one thread'),
  make('two threads, shared memory', true),
  make('two threads, messages', false),
];
async function step(e: Engine): Promise<void> {
  const from = (e.cursor++ % Math.floor(2000 / BATCH)) * BATCH;
  e.net.input.set(images.subarray(from * DIGIT_PIXELS, (from + BATCH) * DIGIT_PIXELS));
  const batchLabels = labels.subarray(from, from + BATCH);
  if (e.trainer === undefined) e.net.trainStep(batchLabels, BATCH, adam);
  else await e.trainer.step(batchLabels, BATCH, adam);
}
const load = loadavg()[0] ?? 0;
for (const e of engines) for (let i = 0; i < 60; i++) await step(e);
await new Promise((resolve) => setTimeout(resolve, 300)); // the worker loads
for (let round = 0; round < ROUNDS; round++) {
  for (const e of engines) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let i = 0; i < REPS; i++) await step(e);
    e.times.push((performance.now() - t0) / REPS);
    const c = process.cpuUsage(c0);
    e.cpu.push((c.user + c.system) / 1000 / REPS);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const [one] = engines as [Engine];
for (const e of engines) {
  const helped =
    e.trainer === undefined ? '' : `, worker computed ${e.trainer.helpedSteps} of ${e.trainer.steps}`;
  console.log(
    `${e.name.padEnd(28)} median ${median(e.times).toFixed(2)} ms (×${(median(one.times) / median(e.times)).toFixed(2)}), ` +
      `fastest ${Math.min(...e.times).toFixed(2)} ms (×${(Math.min(...one.times) / Math.min(...e.times)).toFixed(2)}), ` +
      `CPU ${median(e.cpu).toFixed(2)} ms per step${helped}`,
  );
}
const same = engines.every((e) =>
  e.net
    .parameters()
    .every((p, i) =>
      Buffer.from(p.weights.buffer).equals(
        Buffer.from(one.net.parameters()[i]?.weights.buffer as ArrayBuffer),
      ),
    ),
);
console.log(
  `load average ${load.toFixed(2)} at start, ${(loadavg()[0] ?? 0).toFixed(2)} at end; weights identical: ${same}`,
);
for (const e of engines) e.trainer?.close();
await Promise.all(pools.map((pool) => pool.close()));

import { performance } from 'node:perf_hooks';
import { conv2d } from '../src/conv2d';
import { conv2dParallel } from '../src/parallel/conv2d-parallel';
import { createNodeWorkerPool } from '../src/parallel/node-worker-pool';
import { createRandom } from '../src/random';
import { Tensor } from '../src/tensor';
import { median } from './measure';
import { type BenchSection, ms, ratio } from './report';

/** The two convs of the edit-to-paint network (512² RGB → 16 kernels, then 256²×16 → 32): 'same', bias. */
const EDIT_CONVS = [
  { label: '512×512×3 → 16×3×3', channels: 3, size: 512, kernels: 16 },
  { label: '256×256×16 → 32×3×3', channels: 16, size: 256, kernels: 32 },
] as const;

const ROUNDS = 20;

interface Sample {
  readonly wall: number;
  /** How long the calling thread itself worked during the call (event-loop utilization). */
  readonly busy: number;
}

/**
 * conv2dParallel on the edit-to-paint network's convs, with shared memory (Node; a cross-origin-isolated
 * page) and without (the copying fallback of a page that is not isolated, simulated by setting
 * `crossOriginIsolated = false`), against conv2d on one thread, interleaved round by round.
 */
export async function parallelEditSection(): Promise<BenchSection> {
  const pool = createNodeWorkerPool(2);
  const rows: string[][] = [];
  try {
    for (const c of EDIT_CONVS) {
      const random = createRandom(7);
      const fill = (n: number) => Float32Array.from({ length: n }, () => random() * 2 - 1);
      const x = new Tensor([c.channels, c.size, c.size], fill(c.channels * c.size * c.size));
      const w = new Tensor([c.kernels, c.channels, 3, 3], fill(c.kernels * c.channels * 9));
      const options = { padding: 'same', bias: Array.from({ length: c.kernels }, (_, i) => i / 10) } as const;
      const one = () => Promise.resolve(conv2d(x, w, options));
      const shared = () => conv2dParallel(x, w, options, pool);
      const copied = () => withoutSharedMemory(() => conv2dParallel(x, w, options, pool));
      const samples = await interleave([one, shared, copied]);
      const [single, sharing, copying] = samples.map((runs) => ({
        wall: median(runs.map((s) => s.wall)),
        best: Math.min(...runs.map((s) => s.wall)),
        busy: median(runs.map((s) => s.busy)),
      })) as [Stats, Stats, Stats];
      rows.push([
        c.label,
        ms(single.wall),
        ms(sharing.wall),
        ratio(single.wall / sharing.wall),
        ratio(single.best / sharing.best),
        ms(sharing.busy),
        ms(copying.wall),
        ratio(single.wall / copying.wall),
        ms(copying.busy),
        ratio(copying.busy / sharing.busy),
      ]);
    }
  } finally {
    await pool.close();
  }
  return {
    title: 'Both cores on the edit-to-paint convs: shared memory against copies',
    note: `conv2dParallel with 2 worker threads on the two convs of the edit-to-paint network (zero 'same' padding, bias), medians of ${ROUNDS} interleaved rounds. "shared": the workers read their rows from one shared copy of the input and write their rows of every map straight into the shared output (Node, a cross-origin-isolated page). "copies": what a page without cross-origin isolation gets: each band's rows sliced and transferred in, its maps transferred back and placed by the calling thread. "busy" is how long the calling thread itself worked during the call (event-loop utilization), the rest it waited; copies ÷ shared compares those. Both workers need a core each: with other processes busy (see the load average) the wall times suffer first, "best" compares the fastest runs.`,
    headers: [
      'conv',
      '1 thread ms',
      'shared ms',
      'speed-up',
      'best',
      'busy ms',
      'copies ms',
      'speed-up',
      'busy ms',
      'busy: copies ÷ shared',
    ],
    rows,
  };
}

interface Stats {
  readonly wall: number;
  readonly best: number;
  readonly busy: number;
}

async function interleave(contenders: readonly (() => Promise<unknown>)[]) {
  for (const run of contenders) await run(); // warm-up: workers load their kernels, buffers settle
  const samples = contenders.map(() => [] as Sample[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, run] of contenders.entries()) {
      // Let the event loop close its iteration first: a synchronous run before is only counted then.
      await new Promise((resume) => setTimeout(resume, 1));
      const before = performance.eventLoopUtilization();
      const start = performance.now();
      await run();
      const wall = performance.now() - start;
      samples[index]?.push({ wall, busy: performance.eventLoopUtilization(before).active });
    }
  }
  return samples;
}

/** Runs `work` as on a page that is not cross-origin isolated: conv2dParallel then copies. */
async function withoutSharedMemory<T>(work: () => Promise<T>): Promise<T> {
  const scope = globalThis as { crossOriginIsolated?: boolean };
  scope.crossOriginIsolated = false;
  try {
    return await work();
  } finally {
    delete scope.crossOriginIsolated;
  }
}

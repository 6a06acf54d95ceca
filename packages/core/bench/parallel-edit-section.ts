import { performance } from 'node:perf_hooks';
import { applyActivationInPlace } from '../src/activations';
import { conv2d } from '../src/conv2d';
import { conv2dParallel } from '../src/parallel/conv2d-parallel';
import { createNodeWorkerPool } from '../src/parallel/node-worker-pool';
import { createRandom } from '../src/random';
import { Tensor } from '../src/tensor';
import { median } from './measure';
import { type BenchSection, ms, ratio } from './report';

/** The two convs of the edit-to-paint network (512² RGB → 16 kernels, then 256²×16 → 32): 'same', bias, relu. */
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

/** How conv2dParallel moves data in each setting (src/parallel/shared-buffers.ts), by `crossOriginIsolated`. */
const SETTINGS = [
  { label: 'isolated page', isolated: true },
  { label: 'Node', isolated: undefined },
  { label: 'page, no isolation', isolated: false },
] as const;

/**
 * conv2dParallel on the edit-to-paint network's convs in the three ways it moves data, chosen by
 * `crossOriginIsolated` as on a page (set here for the run): against conv2d on one thread, interleaved
 * round by round.
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
      // As a conv cell runs them: relu after the conv, on one thread or in each worker on its own maps.
      const one = () => Promise.resolve(applyActivationInPlace('relu', conv2d(x, w, options)));
      const relu = { name: 'relu' } as const;
      const parallel = SETTINGS.map(
        ({ isolated }) =>
          () =>
            asIf(isolated, () => conv2dParallel(x, w, options, pool, undefined, relu)),
      );
      const [single, ...settings] = (await interleave([one, ...parallel])).map((runs) => ({
        wall: median(runs.map((s) => s.wall)),
        busy: median(runs.map((s) => s.busy)),
      })) as [Stats, ...Stats[]];
      rows.push([
        c.label,
        ms(single.wall),
        ...settings.flatMap((setting) => [
          ms(setting.wall),
          ratio(single.wall / setting.wall),
          ms(setting.busy),
        ]),
      ]);
    }
  } finally {
    await pool.close();
  }
  return {
    title: 'Both cores on the edit-to-paint convs: how the data moves',
    note: `conv2dParallel with 2 worker threads on the two convs of the edit-to-paint network (zero 'same' padding, bias, then relu as a conv cell applies it: after the conv on one thread, in each worker on its own maps in parallel), medians of ${ROUNDS} interleaved rounds, in the three settings it tells apart by \`crossOriginIsolated\` (set for each run). "isolated page": the workers read their rows from one shared copy of the input and write their maps straight into the shared output, which is the result; the output rows are cut into 12 bands that the workers take from a shared counter, so a worker with less of a core does fewer. "Node": the input is shared the same way; the first worker returns a whole-size output holding its maps and the calling thread places the other's maps into it (on Node that beats a shared output, whose memory is always fresh: see src/parallel/shared-buffers.ts). "page, no isolation": the same, with each band's rows sliced and transferred in. ×1 is the speed-up over one thread; "busy" is how long the calling thread itself worked during the call (event-loop utilization), the rest it waited. Both workers need a core each: with other processes busy (see the load average) the wall times suffer first.`,
    headers: ['conv', '1 thread ms', ...SETTINGS.flatMap(({ label }) => [`${label} ms`, '×1', 'busy ms'])],
    rows,
  };
}

interface Stats {
  readonly wall: number;
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

/** Runs `work` with `crossOriginIsolated` as given (undefined: absent, as on Node), then restores it. */
async function asIf<T>(isolated: boolean | undefined, work: () => Promise<T>): Promise<T> {
  const scope = globalThis as { crossOriginIsolated?: boolean };
  if (isolated === undefined) delete scope.crossOriginIsolated;
  else scope.crossOriginIsolated = isolated;
  try {
    return await work();
  } finally {
    delete scope.crossOriginIsolated;
  }
}

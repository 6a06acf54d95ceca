import { conv2d } from '../src/conv2d';
import { conv2dParallel } from '../src/parallel/conv2d-parallel';
import { createNodeWorkerPool } from '../src/parallel/node-worker-pool';
import { convOptions, makeInputs, PARALLEL_CASES } from './cases';
import { measureAsyncInterleaved, type Timing } from './measure';
import { type BenchSection, gflops, ms, ratio } from './report';

/** conv2dParallel on two worker threads against conv2d on the main thread, for the largest shapes. */
export async function parallelSection(): Promise<BenchSection> {
  const pool = createNodeWorkerPool(2);
  const rows: string[][] = [];
  try {
    for (const c of PARALLEL_CASES) {
      const { x, w, flops } = makeInputs(c);
      const options = convOptions(c);
      const timings = await measureAsyncInterleaved(
        [
          { name: 'one thread', run: async () => conv2d(x, w, options) },
          { name: 'two workers', run: () => conv2dParallel(x, w, options, pool) },
        ],
        { minRounds: 15, maxRounds: 40, budgetMs: 3000 },
      );
      const [single, parallel] = timings as [Timing, Timing];
      rows.push([
        c.label,
        ms(single.medianMs),
        gflops(flops, single.medianMs),
        ms(parallel.medianMs),
        gflops(flops, parallel.medianMs),
        ratio(single.medianMs / parallel.medianMs),
        ratio(single.bestMs / parallel.bestMs),
      ]);
    }
  } finally {
    await pool.close();
  }
  return {
    title: 'Both cores: conv2dParallel with 2 workers',
    note: 'Output rows split in two bands (zero padding) across two worker threads; each worker reads its band of input rows from one shared copy of the input, pads it, and sends its rows of every map back (the first worker inside a whole-size output, into which this thread places the maps of the second). Times include the message round trip. Both threads need a core to themselves: with other processes busy (see the load average above) the median suffers first; "best vs best" compares the fastest runs.',
    headers: ['shape', '1 thread ms', 'GF/s', '2 workers ms', 'GF/s', 'speed-up', 'best vs best'],
    rows,
  };
}

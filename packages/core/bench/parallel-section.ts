import { conv2d } from '../src/conv2d';
import { conv2dParallel } from '../src/parallel/conv2d-parallel';
import { createNodeWorkerPool } from '../src/parallel/node-worker-pool';
import { convOptions, makeInputs, PARALLEL_CASES } from './cases';
import { measureAsyncInterleaved } from './measure';
import { type BenchSection, gflops, ms, ratio } from './report';

/** conv2dParallel on two worker threads against conv2d on the main thread, for the largest shapes. */
export async function parallelSection(): Promise<BenchSection> {
  const pool = createNodeWorkerPool(2);
  const rows: string[][] = [];
  try {
    for (const c of PARALLEL_CASES) {
      const { x, w, flops } = makeInputs(c);
      const options = convOptions(c);
      const timings = await measureAsyncInterleaved([
        { name: 'one thread', run: async () => conv2d(x, w, options) },
        { name: 'two workers', run: () => conv2dParallel(x, w, options, pool) },
      ]);
      const [single, parallel] = timings.map((t) => t.medianMs) as [number, number];
      rows.push([c.label, ms(single), gflops(flops, single), ms(parallel), gflops(flops, parallel), ratio(single / parallel)]);
    }
  } finally {
    await pool.close();
  }
  return {
    title: 'Both cores: conv2dParallel with 2 workers',
    note:
      'Kernels split across two worker threads; each worker receives a copy of the input and returns its maps. Times include the message round trip.',
    headers: ['shape', '1 thread ms', 'GF/s', '2 workers ms', 'GF/s', 'speed-up'],
    rows,
  };
}

import { type Conv2dOptions, conv2d } from '../conv2d';
import { ShapeError } from '../shape-errors';
import { Tensor } from '../tensor';
import type { ConvJob, ConvJobResult } from './conv-job';
import type { WorkerPool } from './worker-pool';

/**
 * conv2d with the kernels split across a pool's workers: each worker convolves the whole input with a
 * contiguous run of kernels, and the maps are stacked back in order. Every output value is computed by
 * the same loop with the same summation order as on one thread, so the result is bit-for-bit identical.
 * Runs on the calling thread when there is nothing to split (one kernel, one worker) and for malformed
 * arguments, so errors are the usual ShapeErrors.
 */
export async function conv2dParallel(
  x: Tensor,
  w: Tensor,
  options: Conv2dOptions,
  pool: WorkerPool,
): Promise<Tensor> {
  const kernels = w.rank === 4 ? (w.shape[0] as number) : 0;
  const parts = Math.min(pool.size, kernels);
  if (x.rank !== 3 || parts < 2) return conv2d(x, w, options);

  const bias = resolveBias(options.bias, kernels);
  const ranges = splitKernels(kernels, parts);
  const kernelSize = w.size / kernels;
  const replies = await Promise.all(
    ranges.map(({ start, end }) => {
      const job: ConvJob = {
        x: { shape: x.shape, data: x.data },
        w: {
          shape: [end - start, ...w.shape.slice(1)],
          data: w.data.slice(start * kernelSize, end * kernelSize),
        },
        options: { ...options, bias: bias?.slice(start, end) },
      };
      return pool.run(job, [job.w.data.buffer as ArrayBuffer]) as Promise<ConvJobResult>;
    }),
  );

  const maps: Float32Array[] = [];
  let mapShape: readonly number[] = [];
  for (const reply of replies) {
    if (reply.status === 'shape-error') throw new ShapeError(reply.op, reply.detail);
    maps.push(reply.data);
    mapShape = reply.shape.slice(1);
  }
  const out = new Float32Array(maps.reduce((total, map) => total + map.length, 0));
  let offset = 0;
  for (const map of maps) {
    out.set(map, offset);
    offset += map.length;
  }
  return new Tensor([kernels, ...mapShape], out);
}

/**
 * Contiguous kernel ranges, one per part, sized in multiples of four where possible so each worker
 * keeps the fast four-kernels-at-once loop.
 */
export function splitKernels(kernels: number, parts: number): { start: number; end: number }[] {
  const step = kernels >= 4 * parts ? Math.ceil(kernels / parts / 4) * 4 : Math.ceil(kernels / parts);
  const ranges: { start: number; end: number }[] = [];
  for (let start = 0; start < kernels; start += step)
    ranges.push({ start, end: Math.min(kernels, start + step) });
  return ranges;
}

function resolveBias(bias: Conv2dOptions['bias'], kernels: number): number[] | undefined {
  if (bias === undefined) return undefined;
  const values = bias instanceof Tensor ? [...bias.data] : [...bias];
  if (values.length !== kernels) {
    throw new ShapeError('conv2d', `bias has ${values.length} values but there are ${kernels} kernels`);
  }
  return values;
}

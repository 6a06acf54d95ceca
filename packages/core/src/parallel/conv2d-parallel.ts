import { planWindow } from '../conv-options';
import { type Conv2dOptions, conv2d } from '../conv2d';
import { ShapeError } from '../shape-errors';
import { Tensor } from '../tensor';
import type { ConvJob, ConvJobResult } from './conv-job';
import { placeBand, planRowBands, type RowBand, sliceRows } from './row-bands';
import type { WorkerPool } from './worker-pool';

/**
 * conv2d split across a pool's workers, bit-for-bit equal to conv2d on one thread: every output value is
 * computed by the same loop, over the same inputs, in the same order.
 * - Zero padding: bands of output rows (row-bands.ts). Each worker gets only its rows and pads only
 *   them, so the whole call, preparation included, divides.
 * - Reflect, replicate, circular: a band's edge padding would need rows it does not have, so kernels
 *   are split instead: each worker convolves the whole input with a contiguous run of kernels.
 * Runs on the calling thread when there is nothing to split (one worker, one output row and one kernel)
 * and for malformed arguments, so errors are the usual ShapeErrors.
 * When `signal` aborts (an edit made the result stale, or it ran past its time limit) the call rejects at
 * once with the signal's reason: parts not yet sent are never sent, and workers still computing a part
 * are stopped and replaced (worker-pool.ts), so a stale conv does not keep the cores busy.
 */
export async function conv2dParallel(
  x: Tensor,
  w: Tensor,
  options: Conv2dOptions,
  pool: WorkerPool,
  signal?: AbortSignal,
): Promise<Tensor> {
  signal?.throwIfAborted();
  if (x.rank !== 3 || w.rank !== 4 || x.size === 0 || w.size === 0 || pool.size < 2)
    return conv2d(x, w, options);
  const [channels, height, width] = x.shape as [number, number, number];
  const [kernels, , kernelHeight, kernelWidth] = w.shape as [number, number, number, number];
  // Validates the window options with conv2d's own messages, on the whole input.
  const plan = planWindow('conv2d', 'kernel', [height, width], [kernelHeight, kernelWidth], options);
  const bias = resolveBias(options.bias, kernels);
  const zeros = (options.paddingMode ?? 'zeros') === 'zeros';
  const bands = zeros
    ? planRowBands(plan, height, kernelHeight, Math.min(pool.size, plan.outHeight))
    : undefined;

  if (bands !== undefined && bands.length >= 2) {
    const out = new Float32Array(kernels * plan.outHeight * plan.outWidth);
    const replies = await Promise.all(
      bands.map((band) => {
        const rows = sliceRows(x.data, channels, height, width, band);
        const padding = [band.padTop, band.padBottom, plan.pads.left, plan.pads.right] as const;
        const job: ConvJob = {
          x: { shape: [channels, band.lastRow - band.firstRow, width], data: rows },
          w: { shape: w.shape, data: w.data },
          options: { ...options, padding, bias },
        };
        return pool.run(job, [rows.buffer], signal) as Promise<ConvJobResult>;
      }),
    );
    replies.forEach((reply, index) => {
      placeBand(out, bands[index] as RowBand, mapsOf(reply), plan.outHeight, plan.outWidth);
    });
    return new Tensor([kernels, plan.outHeight, plan.outWidth], out);
  }

  const parts = Math.min(pool.size, kernels);
  if (parts < 2) return conv2d(x, w, options);
  const kernelSize = w.size / kernels;
  const replies = await Promise.all(
    splitKernels(kernels, parts).map(({ start, end }) => {
      const job: ConvJob = {
        x: { shape: x.shape, data: x.data },
        w: {
          shape: [end - start, ...w.shape.slice(1)],
          data: w.data.slice(start * kernelSize, end * kernelSize),
        },
        options: { ...options, bias: bias?.slice(start, end) },
      };
      return pool.run(job, [job.w.data.buffer as ArrayBuffer], signal) as Promise<ConvJobResult>;
    }),
  );
  const maps = replies.map(mapsOf);
  const out = new Float32Array(maps.reduce((total, map) => total + map.length, 0));
  let offset = 0;
  for (const map of maps) {
    out.set(map, offset);
    offset += map.length;
  }
  return new Tensor([kernels, plan.outHeight, plan.outWidth], out);
}

function mapsOf(reply: ConvJobResult): Float32Array {
  if (reply.status === 'shape-error') throw new ShapeError(reply.op, reply.detail);
  return reply.data;
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

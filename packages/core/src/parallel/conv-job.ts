import { type Conv2dOptions, conv2d } from '../conv2d';
import { ready } from '../ready';
import { ShapeError } from '../shape-errors';
import { Tensor } from '../tensor';

/**
 * One slice of a parallel conv, as posted to a worker: plain shapes and typed arrays (structured-clone
 * friendly), and the options with the bias already cut to this slice's kernels.
 */
export interface ConvJob {
  readonly x: { readonly shape: readonly number[]; readonly data: Float32Array };
  readonly w: { readonly shape: readonly number[]; readonly data: Float32Array };
  readonly options: Omit<Conv2dOptions, 'bias'> & { readonly bias?: number[] | undefined };
}

/** A ShapeError crosses the worker boundary as its parts, so the caller can rethrow the same error. */
export type ConvJobResult =
  | { readonly status: 'ok'; readonly shape: readonly number[]; readonly data: Float32Array }
  | { readonly status: 'shape-error'; readonly op: string; readonly detail: string };

/** The worker side of conv2dParallel: waits for the fast kernels once, then runs the public conv2d. */
export async function runConvJob(
  message: unknown,
): Promise<{ result: ConvJobResult; transfer: ArrayBuffer[] }> {
  await ready();
  const job = message as ConvJob;
  try {
    const out = conv2d(new Tensor(job.x.shape, job.x.data), new Tensor(job.w.shape, job.w.data), job.options);
    const result: ConvJobResult = { status: 'ok', shape: out.shape, data: out.data };
    return { result, transfer: [out.data.buffer as ArrayBuffer] };
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    return { result: { status: 'shape-error', op: error.op, detail: error.detail }, transfer: [] };
  }
}

import { getKernels } from '../backend/active-kernels';
import { type Conv2dOptions, conv2d } from '../conv2d';
import { ready } from '../ready';
import { ShapeError } from '../shape-errors';
import { shapeSize, Tensor } from '../tensor';
import { type MapsPlace, placeMaps } from './row-bands';

/**
 * One slice of a parallel conv, as posted to a worker: plain shapes and typed arrays (structured-clone
 * friendly), and the options with the bias already cut to this slice's kernels.
 */
export interface ConvJob {
  readonly x: JobInput;
  readonly w: { readonly shape: readonly number[]; readonly data: Float32Array };
  readonly options: Omit<Conv2dOptions, 'bias'> & { readonly bias?: number[] | undefined };
  /** With shared memory: where to write the result in the whole output, instead of replying with it. */
  readonly out?: SharedOutput;
}

/**
 * The job's input, `shape` [C, rows, W]: its own values (transferred), or rows [firstRow, firstRow +
 * rows) of every channel of a whole [C, H, W] input in shared memory, read where they are.
 */
export type JobInput =
  | { readonly shape: readonly number[]; readonly data: Float32Array }
  | { readonly shape: readonly number[]; readonly shared: Float32Array; readonly firstRow: number };

export interface SharedOutput extends MapsPlace {
  readonly shared: Float32Array;
}

/** A ShapeError crosses the worker boundary as its parts, so the caller can rethrow the same error. */
export type ConvJobResult =
  | { readonly status: 'ok'; readonly shape: readonly number[]; readonly data: Float32Array }
  | { readonly status: 'written'; readonly shape: readonly number[] }
  | { readonly status: 'shape-error'; readonly op: string; readonly detail: string };

/** The worker side of conv2dParallel: waits for the fast kernels once, then runs the public conv2d. */
export async function runConvJob(
  message: unknown,
): Promise<{ result: ConvJobResult; transfer: ArrayBuffer[] }> {
  await ready();
  const job = message as ConvJob;
  const x = inputTensor(job.x);
  try {
    const out = conv2d(x, new Tensor(job.w.shape, job.w.data), job.options);
    if (job.out === undefined) {
      const result: ConvJobResult = { status: 'ok', shape: out.shape, data: out.data };
      return { result, transfer: [out.data.buffer as ArrayBuffer] };
    }
    placeMaps(job.out.shared, out.data, job.out);
    out.dispose();
    return { result: { status: 'written', shape: out.shape }, transfer: [] };
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    return { result: { status: 'shape-error', op: error.op, detail: error.detail }, transfer: [] };
  } finally {
    x.dispose();
  }
}

/**
 * The job's input as a tensor. Rows of a shared input are gathered channel by channel straight into
 * the kernels' memory (one copy), so the conv's output stays there too until it is written out.
 */
function inputTensor(input: JobInput): Tensor {
  if ('data' in input) return new Tensor(input.shape, input.data);
  const [channels, rows, width] = input.shape as [number, number, number];
  const height = input.shared.length / (channels * width);
  const parts = Array.from({ length: channels }, (_, c) => {
    const from = (c * height + input.firstRow) * width;
    return input.shared.subarray(from, from + rows * width);
  });
  const device = getKernels().device;
  if (device !== undefined) return device.uploadParts(input.shape, parts);
  const values = new Float32Array(shapeSize(input.shape));
  for (const [c, part] of parts.entries()) values.set(part, c * rows * width);
  return new Tensor(input.shape, values);
}

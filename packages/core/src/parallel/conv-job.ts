import { getKernels } from '../backend/active-kernels';
import { heapAddress } from '../backend/wasm-storage';
import type { Conv2dOptions } from '../conv2d';
import { heapPlaneRanges, writeTriples } from '../plane-ranges';
import { ready } from '../ready';
import { ShapeError } from '../shape-errors';
import { jsData, shapeSize, Tensor } from '../tensor';
import { type ActivationAfter, conv2dThenActivation } from './activation-after';
import { type BandQueueResult, isBandQueueJob, takeBands } from './band-queue';
import { type MapsPlace, placeMaps } from './row-bands';

/**
 * One slice of a parallel conv, as posted to a worker: plain shapes and typed arrays (structured-clone
 * friendly), and the options with the bias already cut to this slice's kernels.
 */
export interface ConvJob {
  readonly x: JobInput;
  readonly w: { readonly shape: readonly number[]; readonly data: Float32Array };
  readonly options: Omit<Conv2dOptions, 'bias'> & { readonly bias?: number[] | undefined };
  /** Where the job's maps go in the whole output; without it the worker replies with its maps alone. */
  readonly out?: JobOutput;
  /** Applied to the job's maps in the worker, before they go anywhere (activation-after.ts). */
  readonly activationAfter?: ActivationAfter | undefined;
}

/**
 * The job's input, `shape` [C, rows, W]: its own values (transferred), or rows [firstRow, firstRow +
 * rows) of every channel of a whole [C, H, W] input in shared memory, read where they are.
 */
export type JobInput =
  | { readonly shape: readonly number[]; readonly data: Float32Array }
  | { readonly shape: readonly number[]; readonly shared: Float32Array; readonly firstRow: number };

/**
 * With `shared` (the whole output in shared memory) the worker writes its maps there and replies with
 * no data. Without it, the worker replies with a new whole-size output holding its maps in place, which
 * becomes the result: the calling thread then places only the other jobs' maps into it.
 */
export interface JobOutput extends MapsPlace {
  readonly kernels: number;
  readonly shared?: Float32Array;
  /**
   * With `shared`: where the worker writes the range of each of its maps' rows (min, max, non-finite
   * count per kernel, shared memory), measured before they leave its WASM memory (plane-ranges.ts).
   */
  readonly ranges?: Float64Array;
}

/** A ShapeError crosses the worker boundary as its parts, so the caller can rethrow the same error. */
export type ConvJobResult =
  | { readonly status: 'ok'; readonly shape: readonly number[]; readonly data: Float32Array }
  | { readonly status: 'written'; readonly shape: readonly number[] }
  | { readonly status: 'shape-error'; readonly op: string; readonly detail: string };

/**
 * The worker side of conv2dParallel: waits for the fast kernels once, then runs the public conv2d on one
 * job, or on bands taken from a queue (band-queue.ts) until none is left.
 */
export async function runConvJob(
  message: unknown,
): Promise<{ result: ConvJobResult | BandQueueResult; transfer: ArrayBuffer[] }> {
  await ready();
  if (isBandQueueJob(message)) return { result: takeBands(message.queue, computeJob), transfer: [] };
  const result = computeJob(message as ConvJob);
  return { result, transfer: result.status === 'ok' ? [result.data.buffer as ArrayBuffer] : [] };
}

/** One job's maps: conv2d (with the activation fused where it can be, else after it), then delivered. */
function computeJob(job: ConvJob): ConvJobResult {
  const x = inputTensor(job.x);
  try {
    const out = conv2dThenActivation(
      x,
      new Tensor(job.w.shape, job.w.data),
      job.options,
      job.activationAfter,
    );
    const result = deliver(out, job.out);
    out.dispose();
    return result;
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    return { status: 'shape-error', op: error.op, detail: error.detail };
  } finally {
    x.dispose();
  }
}

/** The job's maps copied out of the kernels' memory once: into the shared output, a whole one, or alone. */
function deliver(out: Tensor, place: JobOutput | undefined): ConvJobResult {
  if (place === undefined) return { status: 'ok', shape: out.shape, data: jsData(out) };
  if (place.shared !== undefined) {
    if (place.ranges !== undefined) writeRanges(out, place.ranges);
    placeMaps(place.shared, out.data, place);
    return { status: 'written', shape: out.shape };
  }
  const whole = new Float32Array(place.kernels * place.outHeight * place.outWidth);
  placeMaps(whole, out.data, place);
  return { status: 'ok', shape: [place.kernels, place.outHeight, place.outWidth], data: whole };
}

/** Each map's range of `out` (a [K, rows, W] tensor) into `into`, as K triples; measured in place in WASM. */
function writeRanges(out: Tensor, into: Float64Array): void {
  const native = getKernels().native;
  const address = native && heapAddress(out, native.heap);
  if (native === undefined || address === undefined) return; // left NaN: the caller measures nothing
  const [kernels = 1] = out.shape;
  const ranges = heapPlaneRanges(native, address, kernels, out.size / kernels);
  if (ranges !== undefined) writeTriples(ranges, into);
}

/**
 * The job's input as a tensor in the kernels' memory (one copy: rows of a shared input are gathered
 * channel by channel straight from where they are), so the conv's output stays there too until
 * `deliver` copies it out.
 */
function inputTensor(input: JobInput): Tensor {
  const device = getKernels().device;
  if ('data' in input)
    return device === undefined
      ? new Tensor(input.shape, input.data)
      : device.uploadParts(input.shape, [input.data]);
  const [channels, rows, width] = input.shape as [number, number, number];
  const height = input.shared.length / (channels * width);
  const parts = Array.from({ length: channels }, (_, c) => {
    const from = (c * height + input.firstRow) * width;
    return input.shared.subarray(from, from + rows * width);
  });
  if (device !== undefined) return device.uploadParts(input.shape, parts);
  const values = new Float32Array(shapeSize(input.shape));
  for (const [c, part] of parts.entries()) values.set(part, c * rows * width);
  return new Tensor(input.shape, values);
}

import { planWindow, type WindowPlan } from '../conv-options';
import type { Conv2dOptions } from '../conv2d';
import { allocateFloats, isShared } from '../float-storage';
import { rememberPlaneRanges } from '../plane-ranges';
import { ShapeError } from '../shape-errors';
import { jsData, Tensor } from '../tensor';
import { type ActivationAfter, conv2dThenActivation } from './activation-after';
import {
  type BandQueue,
  type BandQueueJob,
  type BandQueueResult,
  BandRanges,
  newBandCounter,
} from './band-queue';
import type { ConvJob, ConvJobResult } from './conv-job';
import { type MapsPlace, placeMaps, planRowBands, type RowBand, sliceRows } from './row-bands';
import { chooseSharing, type Sharing, shareInput } from './shared-buffers';
import type { WorkerPool } from './worker-pool';

/**
 * conv2d split across a pool's workers, bit-for-bit equal to conv2d on one thread: every output value is
 * computed by the same loop, over the same inputs, in the same order.
 * - Zero padding: bands of output rows (row-bands.ts). Each worker gets only its rows and pads only
 *   them, so the whole call, preparation included, divides.
 * - Reflect, replicate, circular: a band's edge padding would need rows it does not have, so kernels
 *   are split instead: each worker convolves the whole input with a contiguous run of kernels.
 * Data moves as shared-buffers.ts chooses: with a shared input the workers read their rows where they
 * are (else each gets its rows as a transferred slice); with a shared output (an isolated page) they
 * write their maps straight into it and it is the result, else the first worker returns a whole-size
 * output with its maps in place and this thread places only the others'. Either way each map value is
 * copied out of a worker's WASM memory once, and at most once more here.
 * With a shared output and zero padding the rows are cut into more bands than workers, which the workers
 * take one by one as they get to them (band-queue.ts), so one worker given less of a core (the page's
 * main thread painting beside it) does less of the work instead of holding up the whole call.
 * `activationAfter` is applied by each worker to its own maps, with the same function as on one thread
 * (activation-after.ts), so it is not a serial pass over the whole output here after the workers finish.
 * Runs on the calling thread when there is nothing to split (one worker, one output row and one kernel)
 * and for malformed arguments, so errors are the usual ShapeErrors.
 * When `signal` aborts (an edit made the result stale, or it ran past its time limit) the call rejects at
 * once with the signal's reason: parts not yet sent are never sent, and workers still computing a part
 * are stopped and replaced (worker-pool.ts), so a stale conv does not keep the cores busy; a queue of
 * short bands is emptied instead, and its workers stay for the next conv once their band is done
 * (runBandQueue). Whatever such a worker still writes lands in an output that is never handed out.
 */
export async function conv2dParallel(
  x: Tensor,
  w: Tensor,
  options: Conv2dOptions,
  pool: WorkerPool,
  signal?: AbortSignal,
  activationAfter?: ActivationAfter,
): Promise<Tensor> {
  signal?.throwIfAborted();
  const onThisThread = () => conv2dThenActivation(x, w, options, activationAfter);
  if (x.rank !== 3 || w.rank !== 4 || x.size === 0 || w.size === 0 || pool.size < 2) return onThisThread();
  const [, height, width] = x.shape as [number, number, number];
  const [kernels, , kernelHeight, kernelWidth] = w.shape as [number, number, number, number];
  // Validates the window options with conv2d's own messages, on the whole input.
  const plan = planWindow('conv2d', 'kernel', [height, width], [kernelHeight, kernelWidth], options);
  const bias = resolveBias(options.bias, kernels);
  const zeros = (options.paddingMode ?? 'zeros') === 'zeros';
  // A plain array: cloning a view of WASM memory (a 'wasm' tensor's data) would clone all of it.
  const weights = { shape: w.shape, data: jsData(w) };
  const jobOptions = { ...options, bias };
  const shape = [kernels, plan.outHeight, plan.outWidth];
  const sharing = chooseSharing();
  const run = { pool, signal, activationAfter };
  if (zeros && sharing.output) {
    const queued = planRowBands(
      plan,
      height,
      kernelHeight,
      Math.min(QUEUED_BANDS * pool.size, plan.outHeight),
    );
    if (queued !== undefined && queued.length >= 2) {
      const parts = queued.map((band) => bandPart(x, weights, jobOptions, plan, band));
      return runBandQueue(parts, x.data, shape, run);
    }
  }
  const bands = zeros
    ? planRowBands(plan, height, kernelHeight, Math.min(pool.size, plan.outHeight))
    : undefined;
  const parts =
    bands !== undefined && bands.length >= 2
      ? bands.map((band) => bandPart(x, weights, jobOptions, plan, band))
      : splitKernels(kernels, Math.min(pool.size, kernels)).map((range) =>
          kernelPart(x, weights, jobOptions, plan, range),
        );
  if (parts.length < 2) return onThisThread();
  return runParts(parts, x.data, shape, run, sharing);
}

/**
 * Bands per worker when the workers take bands from a queue (isolated page). More bands even out unequal
 * cores better; each costs one more conv2d call in a worker and its halo rows. On the edit network's
 * second conv (16×256² → 32×3×3, two workers, Node) with one worker sharing its core with a busy loop,
 * medians went 42 ms (1 per worker), 34 (4), 31 (6), 30 (8); on quiet cores all ~23 ms.
 */
export const QUEUED_BANDS = 6;

/** How the parts of one call run: on which pool, stopped by which signal, then which activation. */
interface Run {
  readonly pool: WorkerPool;
  readonly signal: AbortSignal | undefined;
  readonly activationAfter: ActivationAfter | undefined;
}

type JobOptions = ConvJob['options'];
type Values = ConvJob['w'];

/** One worker's share of the call: its job, given the input, and where its maps go in the output. */
interface Part {
  /** The job reading `shared` (the whole input in shared memory), or carrying copies of its own. */
  job(shared: Float32Array | undefined): ConvJob;
  /** Without shared memory, which of the job's arrays is its own to transfer: its rows or its weights. */
  readonly owns: 'x' | 'w';
  readonly place: Omit<MapsPlace, 'outHeight' | 'outWidth'>;
}

/** Output rows [band.start, band.end) of every kernel, from input rows band.firstRow..lastRow. */
function bandPart(x: Tensor, w: Values, options: JobOptions, plan: WindowPlan, band: RowBand): Part {
  const [channels, height, width] = x.shape as [number, number, number];
  const shape = [channels, band.lastRow - band.firstRow, width];
  const padding = [band.padTop, band.padBottom, plan.pads.left, plan.pads.right] as const;
  return {
    job: (shared) => ({
      x:
        shared === undefined
          ? { shape, data: sliceRows(x.data, channels, height, width, band) }
          : { shape, shared, firstRow: band.firstRow },
      w: { shape: w.shape, data: w.data },
      options: { ...options, padding },
    }),
    owns: 'x',
    place: { firstKernel: 0, firstRow: band.start, rows: band.end - band.start },
  };
}

/** Every output row of kernels [start, end), from the whole input. */
function kernelPart(
  x: Tensor,
  w: Values,
  options: JobOptions,
  plan: WindowPlan,
  { start, end }: { start: number; end: number },
): Part {
  const kernelSize = w.data.length / (w.shape[0] as number);
  return {
    job: (shared) => ({
      x: shared === undefined ? { shape: x.shape, data: jsData(x) } : { shape: x.shape, shared, firstRow: 0 },
      w: {
        shape: [end - start, ...w.shape.slice(1)],
        data: w.data.slice(start * kernelSize, end * kernelSize),
      },
      options: { ...options, bias: options.bias?.slice(start, end) },
    }),
    owns: 'w',
    place: { firstKernel: start, firstRow: 0, rows: plan.outHeight },
  };
}

/**
 * Posts every part and assembles the result. With a shared input the jobs read their rows where they
 * are; with a shared output they write their maps into it and it is the result. Otherwise the first job
 * replies with a whole-size output holding its maps, the others with their maps alone, placed into it
 * here: this thread copies only the other parts' share, into memory already allocated.
 */
async function runParts(
  parts: readonly Part[],
  x: Float32Array,
  shape: readonly number[],
  { pool, signal, activationAfter }: Run,
  sharing: Sharing,
): Promise<Tensor> {
  const [kernels, outHeight, outWidth] = shape as [number, number, number];
  const shared = sharing.output ? sharedOutput(kernels * outHeight * outWidth) : undefined;
  const input = sharing.input ? shareInput(x) : undefined;
  const runs = parts.map((part, index) => {
    const job = part.job(input?.data);
    const place = { ...part.place, kernels, outHeight, outWidth };
    const out = shared !== undefined ? { ...place, shared } : index === 0 ? place : undefined;
    return pool.run(
      { ...job, out, activationAfter },
      ownBuffers(part, job),
      signal,
    ) as Promise<ConvJobResult>;
  });
  // A shared input buffer is reused only once no job can still be reading it.
  if (input !== undefined) void Promise.allSettled(runs).then(input.release);
  const replies = await Promise.all(runs);
  if (shared !== undefined) {
    for (const reply of replies) if (reply.status === 'shape-error') throw shapeError(reply);
    return new Tensor(shape, shared);
  }
  const [first, ...others] = replies.map(mapsOf);
  const out = first as Float32Array;
  others.forEach((maps, index) => {
    placeMaps(out, maps, { ...(parts[index + 1] as Part).place, outHeight, outWidth });
  });
  return new Tensor(shape, out);
}

/**
 * Shared input and output, every band in one queue (band-queue.ts): one queue job per worker, each
 * taking bands until none is left and writing them into the shared output, which is the result.
 */
async function runBandQueue(
  parts: readonly Part[],
  x: Float32Array,
  shape: readonly number[],
  { pool, signal, activationAfter }: Run,
): Promise<Tensor> {
  const [kernels, outHeight, outWidth] = shape as [number, number, number];
  const shared = sharedOutput(kernels * outHeight * outWidth);
  const input = shareInput(x);
  const ranges = new BandRanges(parts.length, kernels);
  const bands = parts.map((part, index) => ({
    ...part.job(input.data),
    out: { ...part.place, kernels, outHeight, outWidth, shared, ranges: ranges.of(index) },
    activationAfter,
  }));
  const job: BandQueueJob = { queue: { next: newBandCounter(), bands } };
  // Bands short enough are stopped by emptying the queue, not by stopping the workers: each finishes the
  // band it is on (a millisecond or two) and stays, warm, for the next edit's conv. Stopping and replacing
  // them (longer bands) costs a new worker's start, which a drag across a weight paid on every step.
  const cooperative = signal !== undefined && multiplyAddsPerBand(shape, bands) <= COOPERATIVE_BAND;
  const runs = Array.from(
    { length: Math.min(pool.size, bands.length) },
    () => pool.run(job, [], cooperative ? undefined : signal) as Promise<BandQueueResult>,
  );
  void Promise.allSettled(runs).then(input.release);
  const replies = cooperative
    ? await untilAborted(Promise.all(runs), signal, job.queue)
    : await Promise.all(runs);
  for (const reply of replies) if (reply.status === 'shape-error') throw shapeError(reply);
  const merged = ranges.merged();
  if (merged !== undefined) rememberPlaneRanges(shared, outHeight * outWidth, merged);
  return new Tensor(shape, shared);
}

/**
 * Multiply-adds per band at most for a queue that an abort empties rather than stopping its workers: about
 * 3 ms of one core at the SIMD peak (the edit network's second conv has 25 million a band).
 */
const COOPERATIVE_BAND = 50_000_000;

function multiplyAddsPerBand(shape: readonly number[], bands: readonly ConvJob[]): number {
  const [, outHeight = 0, outWidth = 0] = shape;
  const perOutput = (bands[0]?.w.shape ?? []).reduce((product, n) => product * n, 1); // O·C·kh·kw
  return (outHeight * outWidth * perOutput) / Math.max(1, bands.length);
}

/**
 * `replies`, or a rejection with the signal's reason as soon as it aborts: the queue is emptied then, so
 * every worker replies once its current band is done and nothing more is computed for the stale call.
 */
function untilAborted<T>(replies: Promise<T>, signal: AbortSignal, queue: BandQueue): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = (): void => {
      Atomics.store(queue.next, 0, queue.bands.length);
      reject(signal.reason);
    };
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    replies.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(error);
      },
    );
  });
}

/** The arrays a job has to itself, transferred rather than copied: its sliced rows, its run of weights. */
function ownBuffers(part: Part, job: ConvJob): ArrayBuffer[] {
  if (part.owns === 'w') return [job.w.data.buffer as ArrayBuffer];
  return 'data' in job.x ? [job.x.data.buffer as ArrayBuffer] : [];
}

function mapsOf(reply: ConvJobResult): Float32Array {
  if (reply.status === 'shape-error') throw shapeError(reply);
  if (reply.status !== 'ok') throw new Error('conv2dParallel: a worker replied without its maps');
  return reply.data;
}

function shapeError(reply: { op: string; detail: string }): ShapeError {
  return new ShapeError(reply.op, reply.detail);
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

/** Shared storage for the output: the op-output storage's when it is shared (readied ahead in idle time). */
function sharedOutput(length: number): Float32Array {
  const storage = allocateFloats(length);
  return isShared(storage) ? storage : new Float32Array(new SharedArrayBuffer(4 * length));
}

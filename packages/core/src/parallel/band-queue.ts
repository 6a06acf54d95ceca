import type { ValueRange } from '../map-pixels';
import { mergeRanges } from '../plane-ranges';
import type { ConvJob, ConvJobResult } from './conv-job';

/**
 * Bands of rows of one conv's output, more of them than workers, that the workers take one at a time
 * from a counter in shared memory until none is left, so a worker that gets less of a core (the page's
 * main thread painting beside it) computes fewer bands instead of holding up the call. Only where the
 * output is shared (an isolated page): each band is then written where it goes, by whichever worker
 * took it, and nothing is placed afterwards.
 *
 * Every band is computed exactly once: Atomics.add hands out each index once across all workers, and
 * each worker keeps taking until it is handed an index past the last band. A worker that starts late
 * (or never gets a core) takes nothing and replies at once; the others have taken every band by then.
 */
export interface BandQueueJob {
  readonly queue: BandQueue;
}

export interface BandQueue {
  /** [0]: the index of the next band to take, shared by every worker of the call. */
  readonly next: Int32Array;
  /** Each band's own job: its input rows and padding, its place in the shared output. */
  readonly bands: readonly ConvJob[];
}

/** What a worker replies to a BandQueueJob: which bands it computed, or the first ShapeError. */
export type BandQueueResult =
  | { readonly status: 'taken'; readonly bands: readonly number[] }
  | Extract<ConvJobResult, { status: 'shape-error' }>;

/** A counter for a new queue: every band is still to be taken. */
export function newBandCounter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

export function isBandQueueJob(message: unknown): message is BandQueueJob {
  return typeof message === 'object' && message !== null && 'queue' in message;
}

/** The worker side: takes bands until none is left, computing each with `compute` (runConvJob's). */
export function takeBands(queue: BandQueue, compute: (band: ConvJob) => ConvJobResult): BandQueueResult {
  const taken: number[] = [];
  for (;;) {
    const index = Atomics.add(queue.next, 0, 1);
    const band = queue.bands[index];
    if (band === undefined) return { status: 'taken', bands: taken };
    const result = compute(band);
    // The call fails with this error; the other workers' bands no longer matter.
    if (result.status === 'shape-error') return result;
    taken.push(index);
  }
}

/**
 * Where the workers write the range of each band's rows of each map (conv-job.ts), in shared memory; the
 * ranges of whole maps are their merge. A band whose worker could not measure (no WASM kernels) leaves NaN,
 * and then no ranges are recorded: the page measures the map itself.
 */
export class BandRanges {
  readonly #kernels: number;
  readonly #triples: Float64Array;

  constructor(bands: number, kernels: number) {
    this.#kernels = kernels;
    this.#triples = new Float64Array(new SharedArrayBuffer(bands * kernels * 3 * 8)).fill(Number.NaN);
  }

  /** Band `index`'s triples: min, max and non-finite count for each kernel. */
  of(index: number): Float64Array {
    const size = this.#kernels * 3;
    return this.#triples.subarray(index * size, (index + 1) * size);
  }

  merged(): ValueRange[] | undefined {
    const triples = this.#triples;
    const size = this.#kernels * 3;
    const out: ValueRange[] = [];
    for (let k = 0; k < this.#kernels; k++) {
      let range: ValueRange = { min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, nonFinite: 0 };
      for (let at = 3 * k; at < triples.length; at += size) {
        const nonFinite = triples[at + 2] as number;
        if (Number.isNaN(nonFinite)) return undefined;
        range = mergeRanges(range, { min: triples[at] as number, max: triples[at + 1] as number, nonFinite });
      }
      out.push(range);
    }
    return out;
  }
}

import type { NativeKernels } from './backend/wasm-workspace';
import type { ValueRange } from './map-pixels';

/**
 * The range of each plane of a map (finite min and max, count of NaN and ±∞: what map-pixels.ts's
 * planeRanges gives), found by the op that made the map while its values were still in WASM memory, where
 * one more pass over them is a fraction of a millisecond. A page that shows the map then has its colour
 * scale and legend without reading millions of values again (the ui package's map-summary.ts); on the
 * edit network that reading was ~3.5 ms of the page's main thread per edit.
 *
 * Ranges belong to the very Float32Array they were measured on (a tensor's values never change once an op
 * has returned them, float-storage.ts), and a plane is the last two axes: H·W values of a [C, H, W] map.
 * They are only measured for outputs in shared storage, that is in a worker feeding a page; elsewhere
 * nobody asks for them.
 */

interface Known {
  readonly planeSize: number;
  readonly ranges: readonly ValueRange[];
}

const known = new WeakMap<Float32Array, Known>();

/**
 * Records the ranges of `data`'s planes of `planeSize` values (one range per plane, in order). They stay
 * true only while nothing writes into `data`: code that rewrites an op's output in place must call
 * forgetPlaneRanges on that very array (applyActivationInPlace does).
 */
export function rememberPlaneRanges(
  data: Float32Array,
  planeSize: number,
  ranges: readonly ValueRange[],
): void {
  if (planeSize <= 0 || ranges.length * planeSize !== data.length) return;
  known.set(data, { planeSize, ranges });
}

/** Forgets what was recorded for `data`: for the one op that rewrites a fresh output in place. */
export function forgetPlaneRanges(data: Float32Array): void {
  known.delete(data);
}

/** The ranges recorded for `data` in planes of `planeSize` values, if any. */
export function knownPlaneRanges(data: Float32Array, planeSize: number): readonly ValueRange[] | undefined {
  const entry = known.get(data);
  return entry !== undefined && entry.planeSize === planeSize ? entry.ranges : undefined;
}

/** Values per plane of a tensor shaped `shape`: its last two axes (a rank-1 tensor is one plane). */
export function planeValues(shape: readonly number[]): number {
  return (shape.at(-1) ?? 1) * (shape.length >= 2 ? (shape.at(-2) ?? 1) : 1);
}

/** The ranges of `planes` planes of `planeSize` values at `address` in `heap`, measured there (no copy). */
export function heapPlaneRanges(
  { wasm, heap }: Pick<NativeKernels, 'wasm' | 'heap'>,
  address: number,
  planes: number,
  planeSize: number,
): ValueRange[] | undefined {
  if (planes <= 0 || planeSize <= 0 || !Number.isInteger(planes)) return undefined;
  const triples = heap.allocate(planes * 6); // f64 triples, as 4-byte units
  try {
    wasm.planeRanges(address, triples, planes, planeSize);
    return readTriples(new Float64Array(heap.buffer, triples, planes * 3));
  } finally {
    heap.free(triples);
  }
}

/**
 * Ranges from (min, max, non-finite count) triples, one per plane: the layout the WASM pass writes, the
 * parallel conv's workers share and the page receives.
 */
export function readTriples(triples: Float64Array): ValueRange[] {
  return Array.from({ length: Math.floor(triples.length / 3) }, (_, p) => ({
    min: triples[3 * p] as number,
    max: triples[3 * p + 1] as number,
    nonFinite: triples[3 * p + 2] as number,
  }));
}

/** `ranges` as triples into `into` (3 values per range), which is returned. */
export function writeTriples(
  ranges: readonly ValueRange[],
  into: Float64Array = new Float64Array(ranges.length * 3),
): Float64Array {
  for (const [p, { min, max, nonFinite }] of ranges.entries()) into.set([min, max, nonFinite], 3 * p);
  return into;
}

/** The range of two parts of one plane together. */
export function mergeRanges(a: ValueRange, b: ValueRange): ValueRange {
  return { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max), nonFinite: a.nonFinite + b.nonFinite };
}

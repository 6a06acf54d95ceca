import { sameBits } from '@convbook/cells';
import { knownPlaneRanges, mergeRanges, planeRanges } from '@convbook/core';
import { keptPlanes } from '../../paint/plane-lineage';

/**
 * Min, max and the count of NaN/±∞ values of each plane of a map, and of the whole map: what the legend,
 * the colour scale and each tile's accessible label need. A 3×4096×4096 picture is 50 million values, too
 * many to read in one main-thread task, so the measuring is a sequence of steps (`measureSteps`) that the
 * page's slice queue runs a few milliseconds at a time.
 *
 * A map that follows another of the same shape (the next value of the same cell) is compared plane by plane
 * with it first: editing one kernel of a conv changes one output channel, and a plane that is bit-for-bit
 * the one before keeps its figures (and, on the canvas, its pixels) instead of being read again. When the
 * worker said which planes it copied from that map (paint/plane-lineage.ts), those are not even compared.
 */
export interface PlaneStats {
  readonly min: number;
  readonly max: number;
  readonly nonFinite: number;
}

export interface MapSummary extends PlaneStats {
  readonly planes: readonly PlaneStats[];
}

/** The map a map was compared with, and per plane 1 where the two hold the very same bits. */
export interface SameAs {
  readonly data: Float32Array;
  readonly planes: Uint8Array;
}

/** Values read (or compared) per step: well under a millisecond. */
export const STEP_VALUES = 1 << 17;
/** Ranges from this many values are measured in WASM when it has loaded (the copy in costs less). */
const WASM_FROM = 1024;
/** Maps up to this size are measured at once when asked (a fraction of a millisecond). */
const AT_ONCE_VALUES = 1 << 16;

const summaries = new WeakMap<Float32Array, MapSummary>();
/**
 * Only the latest comparison of a line of maps is kept: a map's entry is dropped once a newer map is compared
 * with it, so the chain newest → previous does not keep every older map alive.
 */
const comparisons = new WeakMap<Float32Array, SameAs>();

/** Which planes of `data` hold the same bits as the map it was last compared with. */
export function sameAs(data: Float32Array): SameAs | undefined {
  return comparisons.get(data);
}

/** The summary when it is known or cheap to measure now; undefined when it must be measured in steps. */
export function summaryNow(data: Float32Array, planeSize: number): MapSummary | undefined {
  const known = summaries.get(data);
  if (known !== undefined || data.length > AT_ONCE_VALUES) return known;
  return runToEnd(measureSteps(data, planeSize));
}

/** Measures completely, now, however long it takes (tests and small maps). */
export function runToEnd(steps: Generator<void, MapSummary>): MapSummary {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Measures `data`, yielding after each step's worth of values, and remembers the answer. With `previous`
 * (the map shown before, already measured, of the same length), planes equal to its planes are not read.
 */
export function* measureSteps(
  data: Float32Array,
  planeSize: number,
  previous?: Float32Array,
): Generator<void, MapSummary> {
  const known = summaries.get(data);
  if (known !== undefined) return known;
  const size = Math.max(1, planeSize);
  const before = previous && previous.length === data.length ? summaries.get(previous) : undefined;
  const same = new Uint8Array(Math.ceil(data.length / size));
  const kept = previous && before ? keptPlanes(data, previous) : undefined;
  // Ranges the worker measured as it made the map (core's plane-ranges.ts): nothing to read for those.
  const measured = knownPlaneRanges(data, size);
  const planes: PlaneStats[] = [];
  for (let plane = 0, start = 0; start < data.length; plane++, start += size) {
    const end = Math.min(data.length, start + size);
    const reused = before?.planes[plane];
    // A plane the worker recomputed is measured, not compared first: reading it once costs less than twice.
    let equal = false;
    if (previous && reused) equal = kept ? kept[plane] === 1 : yield* equalSteps(data, previous, start, end);
    if (equal && reused) {
      same[plane] = 1;
      planes.push(reused);
      continue;
    }
    const known = measured?.[plane];
    if (known !== undefined) {
      planes.push(known);
      continue;
    }
    let stats: PlaneStats = { min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, nonFinite: 0 };
    for (let from = start; from < end; from += STEP_VALUES) {
      stats = addRange(stats, data, from, Math.min(end, from + STEP_VALUES));
      yield;
    }
    planes.push(stats);
  }
  const summary = combine(planes);
  summaries.set(data, summary);
  if (previous && before) {
    comparisons.delete(previous);
    comparisons.set(data, { data: previous, planes: same });
  }
  return summary;
}

/** Whether a[start, end) and b[start, end) hold the same bits, a step at a time. */
function* equalSteps(a: Float32Array, b: Float32Array, start: number, end: number): Generator<void, boolean> {
  for (let from = start; from < end; from += STEP_VALUES) {
    if (!sameBits(a, b, from, Math.min(end, from + STEP_VALUES) - from)) return false;
    yield;
  }
  return true;
}

/**
 * Folds data[from, to) into `into`: with core's WASM SIMD pass (map-pixels.ts) once it has loaded, else in
 * JS. The two agree on every figure; between −0 and +0 (the same number) either may come out.
 *
 * In JS the common case, all values finite, is one tight pass of comparisons (NaN fails every comparison,
 * so it needs only its own count); only a range holding an infinity is read a second time, to leave the
 * infinities out of the finite min and max.
 */
export function addRange(into: PlaneStats, data: Float32Array, from: number, to: number): PlaneStats {
  const measured = to - from >= WASM_FROM ? planeRanges(data, from, 1, to - from)?.[0] : undefined;
  if (measured !== undefined) return mergeRanges(into, measured);
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  let nan = 0;
  let i = from;
  for (; i + 1 < to; i += 2) {
    const a = data[i] as number;
    const b = data[i + 1] as number;
    if (a < low) low = a;
    if (a > high) high = a;
    if (b < low) low = b;
    if (b > high) high = b;
    if (Number.isNaN(a)) nan++;
    if (Number.isNaN(b)) nan++;
  }
  if (i < to) {
    const a = data[i] as number;
    if (a < low) low = a;
    if (a > high) high = a;
    if (Number.isNaN(a)) nan++;
  }
  if (low === Number.NEGATIVE_INFINITY || high === Number.POSITIVE_INFINITY)
    return withInfinities(into, data, from, to);
  return mergeRanges(into, { min: low, max: high, nonFinite: nan });
}

function withInfinities(into: PlaneStats, data: Float32Array, from: number, to: number): PlaneStats {
  let { min, max, nonFinite } = into;
  for (let i = from; i < to; i++) {
    const v = data[i] as number;
    if (v - v !== 0) {
      nonFinite++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max, nonFinite };
}

/** Whole-map figures from the planes; a plane with no finite value reports NaN for its min and max. */
function combine(raw: readonly PlaneStats[]): MapSummary {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let nonFinite = 0;
  for (const plane of raw) {
    if (plane.min < min) min = plane.min;
    if (plane.max > max) max = plane.max;
    nonFinite += plane.nonFinite;
  }
  const planes = raw.map((p) =>
    p.min > p.max || Number.isNaN(p.min) ? { min: Number.NaN, max: Number.NaN, nonFinite: p.nonFinite } : p,
  );
  return { min, max, nonFinite, planes };
}

/**
 * Min, max and the count of NaN/±∞ values of each plane of a map, and of the whole map: what the legend,
 * the colour scale and each tile's accessible label need. A 3×4096×4096 picture is 50 million values, too
 * many to read in one main-thread task, so a big map is measured in slices with a yield between them.
 */
export interface PlaneStats {
  readonly min: number;
  readonly max: number;
  readonly nonFinite: number;
}

export interface MapSummary extends PlaneStats {
  readonly planes: readonly PlaneStats[];
}

/** Values read per slice: a few milliseconds of work. */
export const SLICE_VALUES = 1 << 21;

const summaries = new WeakMap<Float32Array, MapSummary>();

/** The summary when it is known or cheap (one slice or less); undefined when it must be measured in slices. */
export function summaryNow(data: Float32Array, planeSize: number): MapSummary | undefined {
  const known = summaries.get(data);
  if (known !== undefined || data.length > SLICE_VALUES) return known;
  return remember(data, measure(data, planeSize));
}

/** Measures in slices, yielding between them; resolves undefined when `stale()` says nobody needs it now. */
export async function summaryInSlices(
  data: Float32Array,
  planeSize: number,
  stale: () => boolean,
): Promise<MapSummary | undefined> {
  const known = summaries.get(data);
  if (known !== undefined) return known;
  const sliceDone = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
  const planes: PlaneStats[] = [];
  const size = Math.max(1, planeSize);
  for (let start = 0; start < data.length; start += size) {
    let plane = { min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, nonFinite: 0 };
    for (let from = start; from < Math.min(data.length, start + size); from += SLICE_VALUES) {
      plane = addRange(plane, data, from, Math.min(data.length, start + size, from + SLICE_VALUES));
      await sliceDone();
      if (stale()) return undefined;
    }
    planes.push(plane);
  }
  return remember(data, combine(planes));
}

function measure(data: Float32Array, planeSize: number): MapSummary {
  const planes: PlaneStats[] = [];
  const size = Math.max(1, planeSize);
  for (let start = 0; start < data.length; start += size) {
    const empty = { min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, nonFinite: 0 };
    planes.push(addRange(empty, data, start, Math.min(data.length, start + size)));
  }
  return combine(planes);
}

function addRange(into: PlaneStats, data: Float32Array, from: number, to: number): PlaneStats {
  let { min, max, nonFinite } = into;
  for (let i = from; i < to; i++) {
    const v = data[i] ?? 0;
    if (!Number.isFinite(v)) {
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
    min = Math.min(min, plane.min);
    max = Math.max(max, plane.max);
    nonFinite += plane.nonFinite;
  }
  const planes = raw.map((p) =>
    p.min > p.max ? { min: Number.NaN, max: Number.NaN, nonFinite: p.nonFinite } : p,
  );
  return { min, max, nonFinite, planes };
}

function remember(data: Float32Array, summary: MapSummary): MapSummary {
  summaries.set(data, summary);
  return summary;
}

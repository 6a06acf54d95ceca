/**
 * Which planes of a map the worker copied unchanged from an earlier map, as the page received them. A conv
 * or pool cell that redoes only the channels an edit changed builds its new output from its last one
 * (cells' replacePlanes); the notebook worker says so when it sends the map (worker/transfer-codec.ts).
 * The page then knows, without reading them, that 15 of 16 planes of a 512×512 map hold the same bits as
 * the map on screen: it neither measures nor repaints them (cb-feature-map/map-summary.ts, paint-steps.ts).
 */

interface Lineage {
  readonly source: WeakRef<Float32Array>;
  /** Per plane: 1 where the map holds the source's very bits, 0 where it may differ. */
  readonly kept: Uint8Array;
}

const lineages = new WeakMap<Float32Array, Lineage>();

/** Records that `data` is `source` with only `replaced` planes (first-axis indices) computed anew. */
export function recordLineage(
  data: Float32Array,
  source: Float32Array,
  planeCount: number,
  replaced: readonly number[],
): void {
  if (source.length !== data.length || planeCount <= 0) return;
  const kept = new Uint8Array(planeCount).fill(1);
  for (const plane of replaced) if (plane >= 0 && plane < planeCount) kept[plane] = 0;
  lineages.set(data, { source: new WeakRef(source), kept });
}

/** Per plane of `data`, 1 where it is known to hold `previous`'s bits; undefined when nothing is known. */
export function keptPlanes(data: Float32Array, previous: Float32Array): Uint8Array | undefined {
  const lineage = lineages.get(data);
  return lineage && lineage.source.deref() === previous ? lineage.kept : undefined;
}

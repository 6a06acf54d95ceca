import type { PlaneGeometry } from './plane-geometry';

/**
 * A short one-row map (ten class scores, the gradient of a loss over them) reads as "which tile is which
 * class" only with each tile's index under it. Indices start at 0, as class labels do (digit 0 is unit 0).
 * Longer strips are signals, drawn with their own plot: they get no axis.
 */
export const INDEX_AXIS_MAX_WIDTH = 64;
/** Up to this many elements every index is written; beyond, every fifth (and the last). */
const EVERY_INDEX_UP_TO = 16;

/** The indices to write under a strip, or none when the map is not a short single strip. */
export function indexAxisTicks(geometry: PlaneGeometry): number[] {
  const { channels, height, width } = geometry;
  if (channels !== 1 || height !== 1 || width < 2 || width > INDEX_AXIS_MAX_WIDTH) return [];
  const step = width <= EVERY_INDEX_UP_TO ? 1 : 5;
  const ticks: number[] = [];
  for (let i = 0; i < width; i += step) ticks.push(i);
  // The last index is written too, unless it would crowd the tick just before it.
  const last = width - 1;
  if (ticks.at(-1) !== last) {
    if (last - (ticks.at(-1) ?? 0) < step / 2) ticks.pop();
    ticks.push(last);
  }
  return ticks;
}

/**
 * A short vector of units (a dense layer's ten class scores, a loss's gradient over them) reads as "which
 * tile is which class" only with each tile's index under it. Indices start at 0, as class labels do (digit
 * 0 is unit 0). Only vectors (rank 1) get one: a one-row image is a signal, whose positions the UI counts
 * from 1 like every other map's rows and columns, and long vectors are drawn as a signal plot.
 */
export const INDEX_AXIS_MAX_WIDTH = 64;
/** Up to this many elements every index is written; beyond, every fifth (and the last). */
const EVERY_INDEX_UP_TO = 16;

/** The indices to write under a vector of `shape`, or none when it is not a short vector. */
export function indexAxisTicks(shape: readonly number[]): number[] {
  const width = shape[0] ?? 0;
  if (shape.length !== 1 || width < 2 || width > INDEX_AXIS_MAX_WIDTH) return [];
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

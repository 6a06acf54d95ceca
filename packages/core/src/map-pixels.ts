import { getKernels } from './backend/active-kernels';
import type { NativeKernels } from './backend/wasm-workspace';
import { heapPlaneRanges } from './plane-ranges';

/**
 * The two loops a page runs over every value of a feature map it shows: each plane's range (for the colour
 * scale and the legend) and each value's colour. On a 512² network one edit repaints millions of pixels,
 * so both have WASM SIMD versions here. They answer `undefined` / `false` until the WASM kernels are
 * loaded (core's `ready`), and for the scales they do not cover; the caller then runs its JS loops, which
 * give the same results (packages/ui/src/paint checks every pixel against the reference colour maps).
 *
 * The colour formulas are those of @convbook/cells' render/colormap.ts, which core cannot import; the
 * caller passes the colours. Words are RGBA bytes in memory order, as ImageData holds them.
 */

/** Finite min and max and the count of NaN/±∞ of one plane; no finite value: min +∞, max −∞. */
export interface ValueRange {
  readonly min: number;
  readonly max: number;
  readonly nonFinite: number;
}

/** For each painted row and column, the map row and column it shows (a map drawn smaller than it is). */
export interface PixelSampling {
  readonly rows: Int32Array;
  readonly columns: Int32Array;
}

/** Red, green, blue 0–255. */
export type Colour = readonly [number, number, number];

/**
 * Where the words go: copied into an array, or handed to a function as a view of WASM memory, valid only
 * during that call (a page puts it straight on a canvas: one copy of every pixel fewer).
 */
export type WordsTarget = Uint32Array | ((words: Uint32Array) => void);

export interface DivergingColours {
  readonly zero: Colour;
  readonly negative: Colour;
  readonly positive: Colour;
  readonly nan: Colour;
}

/** The ranges of `planes` planes of `planeSize` values from `start`, or undefined without WASM. */
export function planeRanges(
  data: Float32Array,
  start: number,
  planes: number,
  planeSize: number,
): ValueRange[] | undefined {
  const native = getKernels().native;
  if (native === undefined || planes <= 0) return undefined;
  const { heap } = native;
  const count = planes * planeSize;
  const values = heap.allocate(count);
  try {
    heap.floats(values, count).set(data.subarray(start, start + count));
    return heapPlaneRanges(native, values, planes, planeSize);
  } finally {
    heap.free(values);
  }
}

/**
 * Gray words of one plane (at `offset`, `width` values a row) into `out`, one per painted pixel:
 * level round(255 · clamp((v − min) / (max − min), 0, 1)) in red, green and blue. False, with `out`
 * untouched, without WASM or for a flat or infinite range.
 */
export function grayWords(
  data: Float32Array,
  offset: number,
  width: number,
  sampling: PixelSampling,
  min: number,
  max: number,
  nan: Colour,
  out: WordsTarget,
): boolean {
  const span = max - min;
  const native = getKernels().native;
  if (native === undefined || !(span > 0) || !Number.isFinite(span)) return false;
  withSampled(native, data, offset, width, sampling, out, (values, words, count) =>
    native.wasm.grayWords(values, words, count, min, span, opaque(nan)),
  );
  return true;
}

/**
 * Diverging words: t = clamp(v / maxAbs, −1, 1), each channel round(zero + (end − zero)·|t|) with end the
 * negative colour below 0, else the positive one. False without WASM or unless 0 < maxAbs < ∞.
 */
export function divergingWords(
  data: Float32Array,
  offset: number,
  width: number,
  sampling: PixelSampling,
  maxAbs: number,
  colours: DivergingColours,
  out: WordsTarget,
): boolean {
  const native = getKernels().native;
  if (native === undefined || !(maxAbs > 0) || !Number.isFinite(maxAbs)) return false;
  const { zero, negative, positive, nan } = colours;
  withSampled(native, data, offset, width, sampling, out, (values, words, count) =>
    native.wasm.divergingWords(
      values,
      words,
      count,
      maxAbs,
      packed(zero),
      packed(negative),
      packed(positive),
      opaque(nan),
    ),
  );
  return true;
}

/** Copies the sampled values into WASM memory, runs `paint` there and copies the words out (or lends them). */
function withSampled(
  native: NativeKernels,
  data: Float32Array,
  offset: number,
  width: number,
  { rows, columns }: PixelSampling,
  out: WordsTarget,
  paint: (values: number, words: number, count: number) => void,
): void {
  const { heap } = native;
  const paintedWidth = columns.length;
  const count = rows.length * paintedWidth;
  if (typeof out !== 'function' && out.length < count)
    throw new RangeError(`map pixels: ${out.length} words for ${count} pixels`);
  const values = heap.allocate(count);
  const words = heap.allocate(count);
  try {
    if (isWholePlane(rows, columns, width))
      heap.floats(values, count).set(data.subarray(offset, offset + count));
    else gatherIn(native, data, offset, width, rows, columns, values);
    paint(values, words, count);
    const painted = new Uint32Array(heap.buffer, words, count);
    if (typeof out === 'function') out(painted);
    else out.set(painted);
  } finally {
    heap.free(values);
    heap.free(words);
  }
}

/** The sampled values into `values`: the sampled rows are copied in, then their columns gathered in WASM. */
function gatherIn(
  { wasm, heap }: NativeKernels,
  data: Float32Array,
  offset: number,
  width: number,
  rows: Int32Array,
  columns: Int32Array,
  values: number,
): void {
  const copied = heap.allocate(rows.length * width);
  const columnIndices = heap.allocate(columns.length);
  try {
    const into = heap.floats(copied, rows.length * width);
    for (let y = 0; y < rows.length; y++) {
      const start = offset + (rows[y] as number) * width;
      into.set(data.subarray(start, start + width), y * width);
    }
    heap.ints(columnIndices, columns.length).set(columns);
    wasm.gatherColumns(copied, width, rows.length, columnIndices, columns.length, values);
  } finally {
    heap.free(copied);
    heap.free(columnIndices);
  }
}

/** Whether the sampling shows every row and column in order: the plane's values as they lie. */
function isWholePlane(rows: Int32Array, columns: Int32Array, width: number): boolean {
  if (columns.length !== width) return false;
  for (let y = 0; y < rows.length; y++) if (rows[y] !== y) return false;
  return true;
}

/** A colour as one word of RGBA bytes in memory order, alpha left out (0x00BBGGRR). */
function packed([red, green, blue]: Colour): number {
  return ((blue << 16) | (green << 8) | red) >>> 0;
}

/** The same word with opaque alpha: a whole pixel. */
function opaque(colour: Colour): number {
  return (packed(colour) | 0xff000000) >>> 0;
}

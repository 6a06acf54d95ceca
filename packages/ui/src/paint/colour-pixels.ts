import { divergingColour, grayColour, NAN_COLOUR, type Rgb, type ScaleKind } from '@convbook/cells';
import { type DivergingColours, divergingWords, grayWords } from '@convbook/core';
import { levelOf, levelThresholds, thresholdsApply } from './gray-levels';

/**
 * The colour maps of `@convbook/cells` (colormap.ts), applied to a whole plane at once: one 32-bit RGBA
 * word written per pixel, nothing allocated per pixel. A 16×512² feature map is millions of pixels per
 * edit, and `divergingColour`/`grayColour` return a fresh array each (the garbage collector then costs as
 * much as the colouring). The arithmetic below is theirs, step for step, so every pixel is bit-identical
 * (colour-pixels.test.ts checks it against them); only operations with the same result are swapped:
 * - `Math.round(y)` becomes `roundHalfUp(y)` (V8 calls out for Math.round here; ceil is one instruction);
 * - `Math.max(a, Math.min(b, x))` becomes two comparisons, which pass NaN through the same way;
 * - a NaN channel (a degenerate scale such as ∞/∞) stores 0, as a Uint8ClampedArray would;
 * - a value equal to the one before (runs of ReLU zeros, flat regions) reuses its colour: `===` holds only
 *   for the same number or for 0 and -0, which both maps colour alike (−0 − min = 0 − min; −0/m is not < 0).
 * The end colours are read from the reference functions themselves, so the palette lives in one place.
 * A gray plane of 4096 pixels or more skips even the division: its levels come from 255 thresholds
 * computed with grayColour itself (gray-levels.ts).
 *
 * Planes of 1024 pixels or more go to core's WASM SIMD colouring (map-pixels.ts) once it has loaded: the
 * same formulas with the same results, four pixels at a time, 2–6× faster than these loops. These stay the
 * path until then, and for the scales the WASM path leaves alone (flat or infinite ranges).
 */

export interface ColourScale {
  readonly kind: ScaleKind;
  readonly min: number;
  readonly max: number;
}

/** The size a plane is painted at, and for each painted row and column the map row and column it shows. */
export interface Sampling {
  readonly rows: Int32Array;
  readonly columns: Int32Array;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Red, green, blue (each 0–255, or NaN for 0) and opaque alpha as one word of a Uint32Array over RGBA bytes. */
export function packRgba(r: number, g: number, b: number): number {
  const red = r | 0;
  const green = g | 0;
  const blue = b | 0;
  return littleEndian
    ? (0xff000000 | (blue << 16) | (green << 8) | red) >>> 0
    : ((red << 24) | (green << 16) | (blue << 8) | 0xff) >>> 0;
}

const NAN_WORD = packRgba(...NAN_COLOUR);
const GRAY_WORDS = Uint32Array.from({ length: 256 }, (_, level) => packRgba(level, level, level));
const ZERO: Rgb = divergingColour(0, 1);
const NEGATIVE: Rgb = divergingColour(-1, 1);
const POSITIVE: Rgb = divergingColour(1, 1);
const DIVERGING: DivergingColours = { zero: ZERO, negative: NEGATIVE, positive: POSITIVE, nan: NAN_COLOUR };
/** Planes from this many painted pixels go to WASM: below, the call's copies cost more than they save. */
const WASM_FROM = 1024;

/** Math.round for |y| < 2^52 (and NaN), exactly: ceil, then down by one when y is below the half. */
export function roundHalfUp(y: number): number {
  const up = Math.ceil(y);
  return up - 0.5 > y ? up - 1 : up;
}

/** Paints `sampling` of the plane at `offset` into `pixels` (row-major, one word per painted pixel). */
export function colourPlane(
  pixels: Uint32Array,
  data: Float32Array,
  offset: number,
  width: number,
  sampling: Sampling,
  scale: ColourScale,
): void {
  const big = sampling.rows.length * sampling.columns.length >= WASM_FROM;
  if (scale.kind === 'diverging') {
    if (big && divergingWords(data, offset, width, sampling, scale.max, DIVERGING, pixels)) return;
    divergingPlane(pixels, data, offset, width, sampling, scale.max);
  } else {
    if (big && grayWords(data, offset, width, sampling, scale.min, scale.max, NAN_COLOUR, pixels)) return;
    grayPlane(pixels, data, offset, width, sampling, scale.min, scale.max);
  }
}

/**
 * The WASM path of colourPlane with no copy out: `draw` is handed the painted words as a view of WASM
 * memory, to use at once (put them on a canvas) and not keep. False, without calling `draw`, where that path
 * does not apply (a small plane, WASM not loaded yet, a flat or infinite scale): then use colourPlane.
 */
export function colourPlaneOnto(
  draw: (words: Uint32Array) => void,
  data: Float32Array,
  offset: number,
  width: number,
  sampling: Sampling,
  scale: ColourScale,
): boolean {
  if (sampling.rows.length * sampling.columns.length < WASM_FROM) return false;
  return scale.kind === 'diverging'
    ? divergingWords(data, offset, width, sampling, scale.max, DIVERGING, draw)
    : grayWords(data, offset, width, sampling, scale.min, scale.max, NAN_COLOUR, draw);
}

function grayPlane(
  pixels: Uint32Array,
  data: Float32Array,
  offset: number,
  width: number,
  { rows, columns }: Sampling,
  min: number,
  max: number,
): void {
  const paintedWidth = columns.length;
  if (rows.length * paintedWidth >= THRESHOLDS_FROM && thresholdsApply(min, max)) {
    grayByThresholds(pixels, data, offset, width, { rows, columns }, min, max);
    return;
  }
  const ranged = max > min;
  const span = max - min;
  let last = Number.NaN;
  let lastWord = NAN_WORD;
  for (let y = 0; y < rows.length; y++) {
    const row = offset + (rows[y] as number) * width;
    const at = y * paintedWidth;
    for (let x = 0; x < paintedWidth; x++) {
      const value = data[row + (columns[x] as number)] as number;
      if (value === last) {
        pixels[at + x] = lastWord;
        continue;
      }
      if (Number.isNaN(value)) {
        pixels[at + x] = NAN_WORD;
        continue;
      }
      let t = 0.5;
      if (ranged) {
        t = (value - min) / span;
        if (t < 0) t = 0;
        else if (t > 1) t = 1;
      }
      const level = roundHalfUp(255 * t);
      // level is 0–255, or NaN (e.g. ∞ on an infinitely wide scale), which the clamped array stores as 0.
      lastWord = GRAY_WORDS[level | 0] as number;
      last = value;
      pixels[at + x] = lastWord;
    }
  }
}

/** Planes from this many pixels up are worth the thresholds' set-up (a few thousand gray lookups). */
const THRESHOLDS_FROM = 4096;

/** The gray map by thresholds (gray-levels.ts): no division per pixel. */
function grayByThresholds(
  pixels: Uint32Array,
  data: Float32Array,
  offset: number,
  width: number,
  { rows, columns }: Sampling,
  min: number,
  max: number,
): void {
  const thresholds = levelThresholds(min, max);
  const perLevel = 255 / (max - min);
  const paintedWidth = columns.length;
  let last = Number.NaN;
  let lastWord = NAN_WORD;
  for (let y = 0; y < rows.length; y++) {
    const row = offset + (rows[y] as number) * width;
    const at = y * paintedWidth;
    for (let x = 0; x < paintedWidth; x++) {
      const value = data[row + (columns[x] as number)] as number;
      if (value !== last) {
        if (Number.isNaN(value)) {
          pixels[at + x] = NAN_WORD;
          continue;
        }
        last = value;
        lastWord = GRAY_WORDS[levelOf(value, min, perLevel, thresholds)] as number;
      }
      pixels[at + x] = lastWord;
    }
  }
}

function divergingPlane(
  pixels: Uint32Array,
  data: Float32Array,
  offset: number,
  width: number,
  { rows, columns }: Sampling,
  maxAbs: number,
): void {
  const scaled = maxAbs > 0;
  const [r0, g0, b0] = ZERO;
  const paintedWidth = columns.length;
  let last = Number.NaN;
  let lastWord = NAN_WORD;
  for (let y = 0; y < rows.length; y++) {
    const row = offset + (rows[y] as number) * width;
    const at = y * paintedWidth;
    for (let x = 0; x < paintedWidth; x++) {
      const value = data[row + (columns[x] as number)] as number;
      if (value === last) {
        pixels[at + x] = lastWord;
        continue;
      }
      if (Number.isNaN(value)) {
        pixels[at + x] = NAN_WORD;
        continue;
      }
      let t = 0;
      if (scaled) {
        t = value / maxAbs;
        if (t < -1) t = -1;
        else if (t > 1) t = 1;
      }
      const end = t < 0 ? NEGATIVE : POSITIVE;
      const amount = Math.abs(t);
      lastWord = packRgba(
        roundHalfUp(r0 + (end[0] - r0) * amount),
        roundHalfUp(g0 + (end[1] - g0) * amount),
        roundHalfUp(b0 + (end[2] - b0) * amount),
      );
      last = value;
      pixels[at + x] = lastWord;
    }
  }
}

/** The reference colour of one value, for tests and for anything that paints a single pixel. */
export function referenceColour(value: number, scale: ColourScale): Rgb {
  return scale.kind === 'diverging'
    ? divergingColour(value, scale.max)
    : grayColour(value, scale.min, scale.max);
}

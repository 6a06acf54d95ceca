import { divergingColour, grayColour } from '@convbook/cells';
import { sampleIndices } from './paint-size';

export interface ColourScale {
  readonly min: number;
  readonly max: number;
  readonly kind: 'gray' | 'diverging';
}

/**
 * One channel of a map as RGBA at native resolution (the canvas is scaled up by CSS with
 * `image-rendering: pixelated`), or sampled down to `painted` for a map shown smaller than it is, coloured with the cells package's maps so the page and the runner's PNGs
 * agree. Every channel of a map shares one scale: two channels with the same colour hold the same value.
 */
export function paintPlane(
  data: Float32Array,
  offset: number,
  height: number,
  width: number,
  scale: ColourScale,
  painted: { readonly width: number; readonly height: number } = { width, height },
): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(new ArrayBuffer(painted.height * painted.width * 4));
  const rows = sampleIndices(height, painted.height);
  const columns = sampleIndices(width, painted.width);
  let at = 0;
  for (let y = 0; y < painted.height; y++) {
    const row = offset + (rows[y] ?? 0) * width;
    for (let x = 0; x < painted.width; x++) {
      const value = data[row + (columns[x] ?? 0)] ?? Number.NaN;
      const [r, g, b] =
        scale.kind === 'diverging'
          ? divergingColour(value, scale.max)
          : grayColour(value, scale.min, scale.max);
      rgba[at] = r;
      rgba[at + 1] = g;
      rgba[at + 2] = b;
      rgba[at + 3] = 255;
      at += 4;
    }
  }
  return rgba;
}

/** Min and max of the finite values of one channel, and whether it holds NaN or infinities. */
export function planeRange(
  data: Float32Array,
  offset: number,
  length: number,
): { min: number; max: number; nonFinite: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let nonFinite = 0;
  for (let i = offset; i < offset + length; i++) {
    const v = data[i] ?? 0;
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { min: Number.NaN, max: Number.NaN, nonFinite };
  return { min, max, nonFinite };
}

/** A [3, H, W] image with values in [0, 1] as one colour picture (red, green, blue planes). */
export function paintComposite(
  data: Float32Array,
  height: number,
  width: number,
  painted: { readonly width: number; readonly height: number } = { width, height },
): Uint8ClampedArray<ArrayBuffer> {
  const size = height * width;
  const rgba = new Uint8ClampedArray(new ArrayBuffer(painted.height * painted.width * 4));
  const rows = sampleIndices(height, painted.height);
  const columns = sampleIndices(width, painted.width);
  let at = 0;
  for (let y = 0; y < painted.height; y++) {
    const row = (rows[y] ?? 0) * width;
    for (let x = 0; x < painted.width; x++) {
      const i = row + (columns[x] ?? 0);
      for (let c = 0; c < 3; c++) {
        const v = data[c * size + i] ?? 0;
        rgba[at + c] = Number.isNaN(v) ? (c === 1 ? 0 : 255) : Math.round(255 * v);
      }
      rgba[at + 3] = 255;
      at += 4;
    }
  }
  return rgba;
}

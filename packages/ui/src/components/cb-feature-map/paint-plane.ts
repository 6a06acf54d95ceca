import { divergingColour, grayColour } from '@convbook/cells';

export interface ColourScale {
  readonly min: number;
  readonly max: number;
  readonly kind: 'gray' | 'diverging';
}

/**
 * One channel of a map as RGBA at native resolution (the canvas is scaled up by CSS with
 * `image-rendering: pixelated`), coloured with the cells package's maps so the page and the runner's PNGs
 * agree. Every channel of a map shares one scale: two channels with the same colour hold the same value.
 */
export function paintPlane(
  data: Float32Array,
  offset: number,
  height: number,
  width: number,
  scale: ColourScale,
): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(new ArrayBuffer(height * width * 4));
  for (let i = 0; i < height * width; i++) {
    const value = data[offset + i] ?? Number.NaN;
    const [r, g, b] =
      scale.kind === 'diverging'
        ? divergingColour(value, scale.max)
        : grayColour(value, scale.min, scale.max);
    rgba[i * 4] = r;
    rgba[i * 4 + 1] = g;
    rgba[i * 4 + 2] = b;
    rgba[i * 4 + 3] = 255;
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
    const v = data[i] as number;
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
): Uint8ClampedArray<ArrayBuffer> {
  const size = height * width;
  const rgba = new Uint8ClampedArray(new ArrayBuffer(size * 4));
  for (let i = 0; i < size; i++) {
    for (let c = 0; c < 3; c++) {
      const v = data[c * size + i] ?? 0;
      rgba[i * 4 + c] = Number.isNaN(v) ? (c === 1 ? 0 : 255) : Math.round(255 * v);
    }
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

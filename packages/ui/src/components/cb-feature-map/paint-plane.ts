import { type ColourScale, colourPlane, type Sampling } from '../../paint/colour-pixels';
import { sampleIndices } from './paint-size';

export type { ColourScale } from '../../paint/colour-pixels';

interface Size {
  readonly width: number;
  readonly height: number;
}

/** Which map rows and columns a plane of `height`×`width` painted at `painted` shows (paint-size.ts). */
export function planeSampling(height: number, width: number, painted: Size): Sampling {
  return { rows: sampleIndices(height, painted.height), columns: sampleIndices(width, painted.width) };
}

/**
 * One channel of a map as RGBA at native resolution (the canvas is scaled up by CSS with
 * `image-rendering: pixelated`), or sampled down to `painted` for a map shown smaller than it is, coloured
 * exactly as the cells package's maps (paint/colour-pixels.ts), so the page and the runner's PNGs agree.
 * Every channel of a map shares one scale: two channels with the same colour hold the same value.
 */
export function paintPlane(
  data: Float32Array,
  offset: number,
  height: number,
  width: number,
  scale: ColourScale,
  painted: Size = { width, height },
): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(new ArrayBuffer(painted.height * painted.width * 4));
  colourPlane(
    new Uint32Array(rgba.buffer),
    data,
    offset,
    width,
    planeSampling(height, width, painted),
    scale,
  );
  return rgba;
}

/** A [3, H, W] image with values in [0, 1] as one colour picture (red, green, blue planes), into `rgba`. */
export function paintComposite(
  data: Float32Array,
  height: number,
  width: number,
  painted: Size = { width, height },
  rgba: Uint8ClampedArray = new Uint8ClampedArray(new ArrayBuffer(painted.height * painted.width * 4)),
): Uint8ClampedArray {
  const size = height * width;
  const { rows, columns } = planeSampling(height, width, painted);
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

/**
 * An ImageData of the given size to paint into before `putImageData` (which copies it): one per size, kept
 * for the next paint, so painting a map allocates nothing per canvas.
 */
const scratch = new Map<string, { image: ImageData; words: Uint32Array }>();
const SCRATCH_SIZES = 6;

export function scratchImage(width: number, height: number): { image: ImageData; words: Uint32Array } {
  const key = `${width}×${height}`;
  const known = scratch.get(key);
  if (known) return known;
  if (scratch.size >= SCRATCH_SIZES) scratch.delete(scratch.keys().next().value as string);
  const image = new ImageData(width, height);
  const made = { image, words: new Uint32Array(image.data.buffer) };
  scratch.set(key, made);
  return made;
}

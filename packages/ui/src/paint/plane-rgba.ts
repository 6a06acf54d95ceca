import { divergingColour, grayColour, type ScaleKind } from '@convbook/cells';

/**
 * Painting one 2-D plane of a tensor for the explainer and the enlarged map: RGBA at native size (CSS
 * scales it up pixelated), coloured with the cells package's maps so every view agrees with the runner,
 * and the whole-number zoom that fits a plane into a given box.
 */

export interface ColourScale {
  readonly kind: ScaleKind;
  readonly min: number;
  readonly max: number;
}

/** A plane's colours; `skip` marks cells to leave transparent (padding drawn by CSS instead). */
export function planeRgba(
  data: ArrayLike<number>,
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
    rgba.set([r, g, b, 255], i * 4);
  }
  return rgba;
}

/** Paints `rgba` into a canvas of the plane's size; a no-op where there is no 2-D context (tests). */
export function putPlane(
  canvas: HTMLCanvasElement | null,
  rgba: Uint8ClampedArray<ArrayBuffer>,
  width: number,
  height: number,
): void {
  const context = canvas?.getContext('2d');
  if (!context || width === 0 || height === 0) return;
  context.putImageData(new ImageData(rgba, width, height), 0, 0);
}

/**
 * The CSS pixels per map cell that fit `height × width` into `box` (the longer side), a whole number so
 * cells stay square and crisp; below 1 (a plane larger than the box) it is fractional and the canvas
 * is drawn smooth.
 */
export function fitZoom(height: number, width: number, box: number, maxZoom = 64): number {
  const longest = Math.max(height, width, 1);
  if (longest > box) return box / longest;
  return Math.max(1, Math.min(maxZoom, Math.floor(box / longest)));
}

/** Whether numbers can be written inside the cells at this zoom (each cell at least this wide). */
export const MIN_CELL_FOR_NUMBERS = 34;

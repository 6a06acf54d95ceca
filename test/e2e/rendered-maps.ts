import { chooseScale, divergingColour, grayColour, type Rgb } from '@convbook/cells';
import type { Tensor } from '@convbook/core';
import type { Page } from 'playwright-core';

/**
 * The feature maps a cell shows, read back as raw canvas pixels, and the pixels the same tensor must give
 * when painted from values computed elsewhere (Node). The page paints each channel at native resolution
 * (CSS zooms it) with the cells package's colour maps on one scale per map (cb-feature-map/paint-plane.ts):
 * rebuilding that here from the Node values and comparing pixel by pixel checks the numbers themselves.
 */

export interface ShownPlane {
  /** The channel index, or -1 for the colour picture of an RGB image. */
  readonly channel: number;
  readonly label: string;
  readonly width: number;
  readonly height: number;
  /** RGBA, row-major. */
  readonly rgba: readonly number[];
}

/** Every canvas of the cell's output map (not its kernel editor or other views). */
export async function shownPlanes(page: Page, cellId: string): Promise<ShownPlane[]> {
  const canvases = page.locator(`cb-cell[data-cell-id="${cellId}"] cb-feature-map[label$=" output"] canvas`);
  return canvases.evaluateAll((elements) =>
    elements.map((element) => {
      const canvas = element as HTMLCanvasElement;
      const context = canvas.getContext('2d');
      const data = context ? context.getImageData(0, 0, canvas.width, canvas.height).data : [];
      return {
        channel: Number(canvas.dataset.channel),
        label: canvas.getAttribute('aria-label') ?? '',
        width: canvas.width,
        height: canvas.height,
        rgba: Array.from(data),
      };
    }),
  );
}

/** The RGBA the page must show for one channel of `tensor` ([C, H, W] or [H, W]), or -1 for the colour picture. */
export function expectedPlane(tensor: Tensor, channel: number): number[] {
  const width = tensor.shape.at(-1) ?? 1;
  const height = tensor.rank >= 2 ? (tensor.shape.at(-2) ?? 1) : 1;
  const size = width * height;
  const rgba: number[] = [];
  if (channel === -1) {
    for (let i = 0; i < size; i++) {
      for (let c = 0; c < 3; c++) {
        const v = tensor.data[c * size + i] ?? 0;
        rgba.push(Number.isNaN(v) ? (c === 1 ? 0 : 255) : Math.round(255 * v));
      }
      rgba.push(255);
    }
    return rgba;
  }
  const scale = chooseScale(tensor.data, 'auto');
  for (let i = 0; i < size; i++) {
    const value = tensor.data[channel * size + i] ?? Number.NaN;
    const colour: Rgb =
      scale.kind === 'diverging'
        ? divergingColour(value, scale.max)
        : grayColour(value, scale.min, scale.max);
    rgba.push(colour[0], colour[1], colour[2], 255);
  }
  return rgba;
}

export interface PlaneComparison {
  readonly pixels: number;
  /** Pixels with some colour channel off by exactly one level (float32 rounding at a step). */
  readonly offByOne: number;
  /** Pixels off by more: these mean different numbers. */
  readonly different: number;
}

export function comparePlanes(shown: readonly number[], expected: readonly number[]): PlaneComparison {
  let offByOne = 0;
  let different = 0;
  const pixels = Math.min(shown.length, expected.length) / 4;
  for (let p = 0; p < pixels; p++) {
    let worst = 0;
    for (let c = 0; c < 4; c++) {
      worst = Math.max(worst, Math.abs((shown[p * 4 + c] ?? 0) - (expected[p * 4 + c] ?? 0)));
    }
    if (worst === 1) offByOne++;
    else if (worst > 1) different++;
  }
  if (shown.length !== expected.length) different += Math.abs(shown.length - expected.length) / 4;
  return { pixels, offByOne, different };
}

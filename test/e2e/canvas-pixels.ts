import type { Locator } from 'playwright-core';

/**
 * What a canvas shows, reduced to numbers a test can compare: its size, the variance of its luminance
 * (0 for a blank or flat map) and a hash of its pixels (changes when the picture changes).
 *
 * Pixels are read by drawing the canvas onto a fresh one, which works whether the app paints with a 2D
 * context, WebGL or a transferred OffscreenCanvas. The callback defines no named inner functions: the test
 * transpiler may wrap those in helpers that do not exist inside the page.
 */
export interface CanvasPixels {
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly variance: number;
  readonly hash: string;
}

/** Reads every canvas inside `scope` (shadow roots included), in document order. */
export async function readCanvases(scope: Locator): Promise<CanvasPixels[]> {
  return scope.locator('canvas').evaluateAll((elements) =>
    elements.map((element) => {
      const source = element as HTMLCanvasElement;
      const label = source.getAttribute('aria-label') ?? '';
      const { width, height } = source;
      if (width === 0 || height === 0) return { label, width, height, variance: 0, hash: 'empty' };
      const copy = document.createElement('canvas');
      copy.width = width;
      copy.height = height;
      const context = copy.getContext('2d');
      if (!context) return { label, width, height, variance: 0, hash: 'no-context' };
      context.drawImage(source, 0, 0);
      const data = context.getImageData(0, 0, width, height).data;
      let sum = 0;
      let sumSquares = 0;
      let hash = 0x811c9dc5;
      for (let index = 0; index < data.length; index += 4) {
        const luminance =
          0.2126 * (data[index] ?? 0) + 0.7152 * (data[index + 1] ?? 0) + 0.0722 * (data[index + 2] ?? 0);
        sum += luminance;
        sumSquares += luminance * luminance;
        for (let channel = 0; channel < 4; channel++) {
          hash = Math.imul(hash ^ (data[index + channel] ?? 0), 0x01000193) >>> 0;
        }
      }
      const count = data.length / 4;
      const mean = sum / count;
      return { label, width, height, variance: sumSquares / count - mean * mean, hash: hash.toString(16) };
    }),
  );
}

/** One string per cell: the hashes of all its canvases, for "did this cell repaint differently?" checks. */
export function pictureOf(canvases: readonly CanvasPixels[]): string {
  return canvases.map((canvas) => `${canvas.width}x${canvas.height}:${canvas.hash}`).join('|');
}

import { Tensor } from '@convbook/core';
import { measureRender, type RenderOptions } from './render-tensor';

/**
 * The runner writes one PNG per picture. A bank of 256×64 kernels drawn at the usual zoom would be
 * 8444×33788 pixels (a 62 MB file, 3 GB while drawing), so every picture is held to a pixel budget: first
 * drawn at one pixel per value, then, if still too big, as a block-mean downsample. The caller writes the
 * note beside the file.
 */
export const MAX_PICTURE_PIXELS = 4096 * 4096;

export interface BoundedPicture {
  readonly tensor: Tensor;
  readonly options: RenderOptions;
  /** Set when the picture is not the usual rendering: what was done, in words. */
  readonly note?: string;
}

const ONE_PIXEL_PER_VALUE: RenderOptions = { tileSize: 1, minTileSide: 1, maxZoom: 1 };

export function boundedPicture(tensor: Tensor, maxPixels = MAX_PICTURE_PIXELS): BoundedPicture {
  const full = measureRender(tensor);
  if (full.width * full.height <= maxPixels) return { tensor, options: {} };
  const fullSize = `${full.width}×${full.height}`;
  if (area(measureRender(tensor, ONE_PIXEL_PER_VALUE)) <= maxPixels) {
    return {
      tensor,
      options: ONE_PIXEL_PER_VALUE,
      note: `drawn at one pixel per value: the usual drawing would be ${fullSize} pixels, more than the ${maxPixels} allowed`,
    };
  }
  for (let factor = 2; ; factor *= 2) {
    const smaller = blockMean(tensor, factor);
    const size = measureRender(smaller, ONE_PIXEL_PER_VALUE);
    if (area(size) <= maxPixels || (smaller.shape.at(-1) === 1 && smaller.shape.at(-2) === 1)) {
      return {
        tensor: smaller,
        options: ONE_PIXEL_PER_VALUE,
        note: `a preview: each pixel is the mean of a ${factor}×${factor} block of values, because even one pixel per value would be more than the ${maxPixels} pixels allowed (the usual drawing would be ${fullSize})`,
      };
    }
  }
}

function area(size: { width: number; height: number }): number {
  return size.width * size.height;
}

/** Each plane (the last two axes) shrunk by `factor` per side, each output the mean of its block. */
export function blockMean(tensor: Tensor, factor: number): Tensor {
  const shape = tensor.shape;
  const height = shape.length >= 2 ? (shape.at(-2) as number) : 1;
  const width = shape.at(-1) ?? 1;
  const planes = tensor.size / Math.max(1, height * width);
  const outH = Math.ceil(height / factor);
  const outW = Math.ceil(width / factor);
  const out = new Float32Array(planes * outH * outW);
  for (let p = 0; p < planes; p++) {
    for (let y = 0; y < outH; y++) {
      for (let x = 0; x < outW; x++) {
        let sum = 0;
        let count = 0;
        for (let dy = 0; dy < factor && y * factor + dy < height; dy++) {
          const row = (p * height + y * factor + dy) * width;
          for (let dx = 0; dx < factor && x * factor + dx < width; dx++) {
            sum += tensor.data[row + x * factor + dx] ?? 0;
            count++;
          }
        }
        out[(p * outH + y) * outW + x] = sum / count;
      }
    }
  }
  const outShape = shape.length >= 2 ? [...shape.slice(0, -2), outH, outW] : [outW];
  return new Tensor(outShape, out);
}

import { formatShape, ShapeError, Tensor } from '@convbook/core';
import { type ShiftMode, shiftTensor } from './shift-tensor';

/**
 * Edits applied to an image cell's picture, in the order listed. Each takes and returns [C, H, W] and never
 * mutates its input. Shift is the one the lecture needs most: it makes equivariance and invariance visible.
 */
export type ImageTransform =
  | { readonly op: 'grayscale' }
  | { readonly op: 'resize'; readonly height: number; readonly width: number; readonly method?: ResizeMethod }
  | { readonly op: 'shift'; readonly dx: number; readonly dy: number; readonly mode?: ShiftMode }
  | { readonly op: 'normalize'; readonly mode: 'minmax' | 'standard' }
  | {
      readonly op: 'crop';
      readonly top: number;
      readonly left: number;
      readonly height: number;
      readonly width: number;
    };

export type ResizeMethod = 'bilinear' | 'area';

export function applyTransforms(image: Tensor, transforms: readonly ImageTransform[]): Tensor {
  return transforms.reduce(applyTransform, image);
}

export function applyTransform(image: Tensor, transform: ImageTransform): Tensor {
  requireImage(transform.op, image);
  switch (transform.op) {
    case 'grayscale':
      return grayscale(image);
    case 'resize':
      return transform.method === 'area'
        ? resizeArea(image, transform.height, transform.width)
        : resizeBilinear(image, transform.height, transform.width);
    case 'shift':
      return shiftTensor(image, transform.dx, transform.dy, transform.mode ?? 'zeros');
    case 'normalize':
      return transform.mode === 'minmax' ? normalizeMinMax(image) : normalizeStandard(image);
    case 'crop':
      return crop(image, transform.top, transform.left, transform.height, transform.width);
  }
}

function requireImage(op: string, image: Tensor): void {
  if (image.rank !== 3) {
    throw new ShapeError(op, `expected an image [C, H, W], got shape ${formatShape(image.shape)}`);
  }
}

function dims(image: Tensor): { channels: number; height: number; width: number } {
  const [channels = 0, height = 0, width = 0] = image.shape;
  return { channels, height, width };
}

/** Luminance (ITU-R BT.601 weights) for 3 channels; the plain mean for any other channel count. */
function grayscale(image: Tensor): Tensor {
  const { channels, height, width } = dims(image);
  const plane = height * width;
  const weights =
    channels === 3 ? [0.299, 0.587, 0.114] : Array.from({ length: channels }, () => 1 / channels);
  const out = new Float32Array(plane);
  for (const [c, weight] of weights.entries()) {
    for (let i = 0; i < plane; i++) out[i] = (out[i] ?? 0) + weight * (image.data[c * plane + i] ?? 0);
  }
  return new Tensor([1, height, width], out);
}

/** Bilinear with half-pixel centres (as image libraries do), edges clamped. */
function resizeBilinear(image: Tensor, outHeight: number, outWidth: number): Tensor {
  const { channels, height, width } = dims(image);
  const out = new Float32Array(channels * outHeight * outWidth);
  const sample = (coordinate: number, size: number): [number, number, number] => {
    const clamped = Math.min(Math.max(coordinate, 0), size - 1);
    const low = Math.floor(clamped);
    return [low, Math.min(low + 1, size - 1), clamped - low];
  };
  for (let y = 0; y < outHeight; y++) {
    const [y0, y1, fy] = sample(((y + 0.5) * height) / outHeight - 0.5, height);
    for (let x = 0; x < outWidth; x++) {
      const [x0, x1, fx] = sample(((x + 0.5) * width) / outWidth - 0.5, width);
      for (let c = 0; c < channels; c++) {
        const at = (yy: number, xx: number): number => image.data[(c * height + yy) * width + xx] ?? 0;
        const top = at(y0, x0) * (1 - fx) + at(y0, x1) * fx;
        const bottom = at(y1, x0) * (1 - fx) + at(y1, x1) * fx;
        out[(c * outHeight + y) * outWidth + x] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return new Tensor([channels, outHeight, outWidth], out);
}

/**
 * Area averaging: each output pixel is the mean of the input area it covers, fractional overlaps weighted.
 * The right choice for shrinking — bilinear would skip pixels and alias.
 */
function resizeArea(image: Tensor, outHeight: number, outWidth: number): Tensor {
  const { channels, height, width } = dims(image);
  const rows = overlapWeights(height, outHeight);
  const cols = overlapWeights(width, outWidth);
  const out = new Float32Array(channels * outHeight * outWidth);
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < outHeight; y++) {
      for (let x = 0; x < outWidth; x++) {
        let sum = 0;
        let area = 0;
        for (const [iy, wy] of rows[y] ?? []) {
          for (const [ix, wx] of cols[x] ?? []) {
            sum += wy * wx * (image.data[(c * height + iy) * width + ix] ?? 0);
            area += wy * wx;
          }
        }
        out[(c * outHeight + y) * outWidth + x] = area > 0 ? sum / area : 0;
      }
    }
  }
  return new Tensor([channels, outHeight, outWidth], out);
}

/** For each output index, the input indices it covers and by how much (in input pixels). */
function overlapWeights(inSize: number, outSize: number): Array<Array<[number, number]>> {
  const ratio = inSize / outSize;
  return Array.from({ length: outSize }, (_, o) => {
    const start = o * ratio;
    const end = (o + 1) * ratio;
    const cover: Array<[number, number]> = [];
    for (let i = Math.floor(start); i < Math.min(Math.ceil(end), inSize); i++) {
      const overlap = Math.min(end, i + 1) - Math.max(start, i);
      if (overlap > 0) cover.push([i, overlap]);
    }
    return cover;
  });
}

/** Rescales to [0, 1]; a constant image becomes all zeros rather than dividing by zero. */
function normalizeMinMax(image: Tensor): Tensor {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of image.data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min;
  return new Tensor(
    image.shape,
    image.data.map((v) => (range > 0 ? (v - min) / range : 0)),
  );
}

/** Zero mean and unit standard deviation over the whole image; a constant image becomes all zeros. */
function normalizeStandard(image: Tensor): Tensor {
  const n = image.size;
  let mean = 0;
  for (const v of image.data) mean += v / n;
  let variance = 0;
  for (const v of image.data) variance += (v - mean) ** 2 / n;
  const std = Math.sqrt(variance);
  return new Tensor(
    image.shape,
    image.data.map((v) => (std > 0 ? (v - mean) / std : 0)),
  );
}

function crop(image: Tensor, top: number, left: number, cropHeight: number, cropWidth: number): Tensor {
  const { channels, height, width } = dims(image);
  if (top + cropHeight > height || left + cropWidth > width) {
    throw new ShapeError(
      'crop',
      `window ${cropHeight}×${cropWidth} at (${top}, ${left}) does not fit in the ${height}×${width} image`,
    );
  }
  const out = new Float32Array(channels * cropHeight * cropWidth);
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < cropHeight; y++) {
      const from = (c * height + top + y) * width + left;
      out.set(image.data.subarray(from, from + cropWidth), (c * cropHeight + y) * cropWidth);
    }
  }
  return new Tensor([channels, cropHeight, cropWidth], out);
}

import { DIGIT_SIDE } from './digits-data';

/**
 * Turns a drawing into a digit the way MNIST's digits were made: crop to the ink's bounding box, scale it
 * (keeping its aspect ratio) so its longer side is 20 pixels, then place that 20×20 box in a 28×28 field
 * so that the ink's centre of mass sits at the centre. Without this a network trained on MNIST sees a
 * small off-centre scribble it has never met.
 */
const FIT = 20;

/** `ink` is [height × width], 0 (paper) to 1 (ink). Returns 28×28 in 0–1; all zeros when nothing is drawn. */
export function preprocessDigit(ink: Float32Array, width: number, height: number): Float32Array {
  const out = new Float32Array(DIGIT_SIDE * DIGIT_SIDE);
  const box = inkBox(ink, width, height);
  if (box === undefined) return out;
  const scale = FIT / Math.max(box.right - box.left, box.bottom - box.top);
  const fitted = resample(ink, width, box, scale);
  const [cy, cx] = centreOfMass(fitted.data, fitted.width, fitted.height);
  const offsetY = Math.round(DIGIT_SIDE / 2 - cy);
  const offsetX = Math.round(DIGIT_SIDE / 2 - cx);
  for (let y = 0; y < fitted.height; y++) {
    for (let x = 0; x < fitted.width; x++) {
      const ty = y + offsetY;
      const tx = x + offsetX;
      if (ty < 0 || ty >= DIGIT_SIDE || tx < 0 || tx >= DIGIT_SIDE) continue;
      out[ty * DIGIT_SIDE + tx] = fitted.data[y * fitted.width + x] ?? 0;
    }
  }
  return out;
}

interface Box {
  readonly top: number;
  readonly left: number;
  /** Exclusive. */
  readonly bottom: number;
  readonly right: number;
}

function inkBox(ink: Float32Array, width: number, height: number): Box | undefined {
  let top = height;
  let left = width;
  let bottom = -1;
  let right = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((ink[y * width + x] ?? 0) <= 0) continue;
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
  }
  return bottom < 0 ? undefined : { top, left, bottom: bottom + 1, right: right + 1 };
}

/** Area-averages the box down (or up) by `scale`: each output pixel is the mean ink of the source it covers. */
function resample(ink: Float32Array, width: number, box: Box, scale: number) {
  const outW = Math.max(1, Math.round((box.right - box.left) * scale));
  const outH = Math.max(1, Math.round((box.bottom - box.top) * scale));
  const data = new Float32Array(outW * outH);
  const weight = new Float32Array(outW * outH);
  // Sample the source on a grid fine enough that every output pixel gets several samples.
  const steps = Math.max(1, Math.ceil(1 / scale)) * 4;
  for (let sy = box.top * steps; sy < box.bottom * steps; sy++) {
    const y = Math.floor(((sy + 0.5) / steps - box.top) * scale);
    for (let sx = box.left * steps; sx < box.right * steps; sx++) {
      const x = Math.floor(((sx + 0.5) / steps - box.left) * scale);
      if (y >= outH || x >= outW) continue;
      const value = ink[Math.floor(sy / steps) * width + Math.floor(sx / steps)] ?? 0;
      data[y * outW + x] = (data[y * outW + x] ?? 0) + value;
      weight[y * outW + x] = (weight[y * outW + x] ?? 0) + 1;
    }
  }
  for (let i = 0; i < data.length; i++) data[i] = Math.min(1, (data[i] ?? 0) / Math.max(weight[i] ?? 0, 1));
  return { data, width: outW, height: outH };
}

/** Centre of mass in pixel-centre coordinates (pixel i covers [i, i + 1), its centre is i + 0.5). */
function centreOfMass(data: Float32Array, width: number, height: number): [number, number] {
  let total = 0;
  let sy = 0;
  let sx = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x] ?? 0;
      total += v;
      sy += v * (y + 0.5);
      sx += v * (x + 0.5);
    }
  }
  return total === 0 ? [height / 2, width / 2] : [sy / total, sx / total];
}

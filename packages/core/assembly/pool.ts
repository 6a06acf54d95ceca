// Pooling is memory-bound (one compare or add per loaded value), so plain scalar loops are enough here.

/**
 * Max over each window of a padded input whose padding holds -Infinity. argmax receives the flat index
 * of the first maximum, scanning rows top to bottom and left to right (a later equal value never wins).
 * Same rule as the reference kernels for NaN: the first NaN in a window is its maximum.
 */
export function maxPool(
  x: usize,
  out: usize,
  argmax: usize,
  channels: i32,
  height: i32,
  width: i32,
  sizeY: i32,
  sizeX: i32,
  strideY: i32,
  strideX: i32,
  outHeight: i32,
  outWidth: i32,
): void {
  let k: usize = 0;
  for (let c = 0; c < channels; c++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const first = (c * height + oy * strideY) * width + ox * strideX;
        let best = load<f32>(x + (<usize>first << 2));
        let bestIndex = first;
        for (let i = 0; i < sizeY; i++) {
          const row = first + i * width;
          for (let j = 0; j < sizeX; j++) {
            const v = load<f32>(x + (<usize>(row + j) << 2));
            // Strictly greater keeps the first maximum; the first NaN wins once, so it shows in the output.
            if (v > best || (isNaN(v) && !isNaN(best))) {
              best = v;
              bestIndex = row + j;
            }
          }
        }
        store<f32>(out + (k << 2), best);
        store<i32>(argmax + (k << 2), bestIndex);
        k++;
      }
    }
  }
}

/** Sum over each window of a padded input whose padding holds 0 (the caller divides). */
export function sumPool(
  x: usize,
  out: usize,
  channels: i32,
  height: i32,
  width: i32,
  sizeY: i32,
  sizeX: i32,
  strideY: i32,
  strideX: i32,
  outHeight: i32,
  outWidth: i32,
): void {
  let k: usize = 0;
  for (let c = 0; c < channels; c++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const first = (c * height + oy * strideY) * width + ox * strideX;
        let sum: f32 = 0;
        for (let i = 0; i < sizeY; i++) {
          const row = first + i * width;
          for (let j = 0; j < sizeX; j++) sum += load<f32>(x + (<usize>(row + j) << 2));
        }
        store<f32>(out + (k << 2), sum);
        k++;
      }
    }
  }
}

// Pooling with f32x4 across four output columns. A strided input is read from its column phases (see
// deinterleaveColumns), so each window cell of four neighbouring outputs is one contiguous load; the
// remaining columns of a row go through the scalar loop on the plain input. Choices are made with
// bitselect/select rather than branches: with real data "is this cell larger" is a coin toss.

/**
 * Max over each window of a padded input whose padding holds -Infinity. argmax receives the flat index
 * (into the plain padded input) of the first maximum in scan order; a later equal value never wins, and
 * the first NaN in a window wins once, so it shows in the output (the reference kernels' rule).
 * `planes` is `x` split into strideX column phases of `planeWidth` (or `x` itself when strideX is 1).
 */
export function maxPool(
  x: usize,
  planes: usize,
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
  planeWidth: i32,
): void {
  const laneStep = i32x4.mul(i32x4(0, 1, 2, 3), i32x4.splat(strideX));
  for (let c = 0; c < channels; c++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const outRow = (<usize>(c * outHeight + oy) * <usize>outWidth) << 2;
      const firstRow = c * height + oy * strideY;
      let ox = 0;
      for (; ox + 4 <= outWidth; ox += 4) {
        let best = f32x4.splat(-Infinity);
        let bestIndex = i32x4.splat(0);
        let unset = i32x4.splat(-1); // lanes still waiting for their first cell
        for (let i = 0; i < sizeY; i++) {
          const row = firstRow + i;
          for (let j = 0; j < sizeX; j++) {
            const plane = (row * strideX + (j % strideX)) * planeWidth + j / strideX + ox;
            const v = v128.load(planes + ((<usize>plane) << 2));
            const isNan = f32x4.ne(v, v);
            const wins = v128.or(unset, v128.or(f32x4.gt(v, best), v128.and(isNan, f32x4.eq(best, best))));
            best = v128.bitselect(v, best, wins);
            const index = i32x4.add(i32x4.splat(row * width + ox * strideX + j), laneStep);
            bestIndex = v128.bitselect(index, bestIndex, wins);
            unset = i32x4.splat(0);
          }
        }
        v128.store(out + outRow + ((<usize>ox) << 2), best);
        v128.store(argmax + outRow + ((<usize>ox) << 2), bestIndex);
      }
      for (; ox < outWidth; ox++) {
        const first = firstRow * width + ox * strideX;
        let best = load<f32>(x + ((<usize>first) << 2));
        let bestIndex = first;
        for (let i = 0; i < sizeY; i++) {
          for (let j = 0; j < sizeX; j++) {
            const cell = first + i * width + j;
            const v = load<f32>(x + ((<usize>cell) << 2));
            const wins = v > best || (F32.isNaN(v) && !F32.isNaN(best));
            best = select<f32>(v, best, wins);
            bestIndex = select<i32>(cell, bestIndex, wins);
          }
        }
        store<f32>(out + outRow + ((<usize>ox) << 2), best);
        store<i32>(argmax + outRow + ((<usize>ox) << 2), bestIndex);
      }
    }
  }
}

/** Sum over each window of a padded input whose padding holds 0 (the caller divides), in scan order. */
export function sumPool(
  x: usize,
  planes: usize,
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
  planeWidth: i32,
): void {
  for (let c = 0; c < channels; c++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const outRow = (<usize>(c * outHeight + oy) * <usize>outWidth) << 2;
      const firstRow = c * height + oy * strideY;
      let ox = 0;
      for (; ox + 4 <= outWidth; ox += 4) {
        let sum = f32x4.splat(0);
        for (let i = 0; i < sizeY; i++) {
          const row = firstRow + i;
          for (let j = 0; j < sizeX; j++) {
            const plane = (row * strideX + (j % strideX)) * planeWidth + j / strideX + ox;
            sum = f32x4.add(sum, v128.load(planes + ((<usize>plane) << 2)));
          }
        }
        v128.store(out + outRow + ((<usize>ox) << 2), sum);
      }
      for (; ox < outWidth; ox++) {
        const first = firstRow * width + ox * strideX;
        let sum: f32 = 0;
        for (let i = 0; i < sizeY; i++) {
          for (let j = 0; j < sizeX; j++) sum += load<f32>(x + ((<usize>(first + i * width + j)) << 2));
        }
        store<f32>(out + outRow + ((<usize>ox) << 2), sum);
      }
    }
  }
}

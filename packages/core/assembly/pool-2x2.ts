// 2×2 windows at stride 2 with no padding, the pooling of nearly every CNN, read straight from the
// input: two f32x4 loads per input row cover four windows, and one shuffle pair splits them into the
// windows' left and right cells, so no column-phase copy is made first. Max keeps the reference rule
// (first maximum in scan order wins, the first NaN wins once) and can record the argmax; avg sums in
// scan order from +0 and divides by 4 (an exact multiply by 0.25), the bits of the general pool kernels.

// @ts-expect-error: decorator
function evens(a: v128, b: v128): v128 {
  return i8x16.shuffle(a, b, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
}

// @ts-expect-error: decorator
function odds(a: v128, b: v128): v128 {
  return i8x16.shuffle(a, b, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
}

/** Lanes where `v` replaces `best`: larger, or the first NaN. */
// @ts-expect-error: decorator
function wins(v: v128, best: v128): v128 {
  return v128.or(f32x4.gt(v, best), v128.and(f32x4.ne(v, v), f32x4.eq(best, best)));
}

/**
 * The reference rule without indices, in fewer instructions: pmax(best, v) is `best < v ? v : best`, which
 * keeps the first of equal values (signed zeros included) and never lets a NaN in, so NaNs are found
 * apart and win at the end (any NaN is as good as the first: their payloads are not observable).
 */
function maxOfFour(v0: v128, v1: v128, v2: v128, v3: v128): v128 {
  const best = f32x4.pmax(f32x4.pmax(f32x4.pmax(v0, v1), v2), v3);
  const nan = v128.or(
    v128.or(f32x4.ne(v0, v0), f32x4.ne(v1, v1)),
    v128.or(f32x4.ne(v2, v2), f32x4.ne(v3, v3)),
  );
  return v128.bitselect(f32x4.splat(NaN), best, nan);
}

/**
 * out[c, oy, ox] = max of x[c, 2oy..2oy+1, 2ox..2ox+1]; argmax (when not 0) gets the flat input index of
 * the winner. `x` is [channels, height, width]; outHeight = ⌊height/2⌋, outWidth = ⌊width/2⌋.
 */
export function maxPool2x2(
  x: usize,
  out: usize,
  argmax: usize,
  channels: i32,
  height: i32,
  width: i32,
  outHeight: i32,
  outWidth: i32,
): void {
  const lanes = i32x4(0, 2, 4, 6);
  for (let c = 0; c < channels; c++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const top = (c * height + 2 * oy) * width;
      const row0 = x + ((<usize>top) << 2);
      const row1 = row0 + ((<usize>width) << 2);
      const outRow = (<usize>(c * outHeight + oy) * <usize>outWidth) << 2;
      let ox = 0;
      for (; ox + 4 <= outWidth; ox += 4) {
        const at = (<usize>ox) << 3;
        const a = v128.load(row0 + at);
        const b = v128.load(row0 + at, 16);
        const d = v128.load(row1 + at);
        const e = v128.load(row1 + at, 16);
        const v0 = evens(a, b);
        const v1 = odds(a, b);
        const v2 = evens(d, e);
        const v3 = odds(d, e);
        if (argmax === 0) {
          v128.store(out + outRow + ((<usize>ox) << 2), maxOfFour(v0, v1, v2, v3));
          continue;
        }
        const w1 = wins(v1, v0);
        let best = v128.bitselect(v1, v0, w1);
        const w2 = wins(v2, best);
        best = v128.bitselect(v2, best, w2);
        const w3 = wins(v3, best);
        best = v128.bitselect(v3, best, w3);
        v128.store(out + outRow + ((<usize>ox) << 2), best);
        const first = i32x4.add(i32x4.splat(top + 2 * ox), lanes);
        let index = v128.bitselect(i32x4.add(first, i32x4.splat(1)), first, w1);
        index = v128.bitselect(i32x4.add(first, i32x4.splat(width)), index, w2);
        index = v128.bitselect(i32x4.add(first, i32x4.splat(width + 1)), index, w3);
        v128.store(argmax + outRow + ((<usize>ox) << 2), index);
      }
      for (; ox < outWidth; ox++) {
        const first = top + 2 * ox;
        let best = load<f32>(x + ((<usize>first) << 2));
        let bestIndex = first;
        for (let k = 1; k < 4; k++) {
          const cell = first + (k >> 1) * width + (k & 1);
          const v = load<f32>(x + ((<usize>cell) << 2));
          const better = v > best || (F32.isNaN(v) && !F32.isNaN(best));
          best = select<f32>(v, best, better);
          bestIndex = select<i32>(cell, bestIndex, better);
        }
        store<f32>(out + outRow + ((<usize>ox) << 2), best);
        if (argmax !== 0) store<i32>(argmax + outRow + ((<usize>ox) << 2), bestIndex);
      }
    }
  }
}

/** out[c, oy, ox] = mean of x[c, 2oy..2oy+1, 2ox..2ox+1], summed in scan order. */
export function avgPool2x2(
  x: usize,
  out: usize,
  channels: i32,
  height: i32,
  width: i32,
  outHeight: i32,
  outWidth: i32,
): void {
  const quarter = f32x4.splat(0.25);
  // Each sum starts from +0, as the reference's does: a window of four −0 then averages to +0, not −0.
  const zero = f32x4.splat(0);
  for (let c = 0; c < channels; c++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const row0 = x + ((<usize>((c * height + 2 * oy) * width)) << 2);
      const row1 = row0 + ((<usize>width) << 2);
      const outRow = out + ((<usize>(c * outHeight + oy) * <usize>outWidth) << 2);
      let ox = 0;
      for (; ox + 4 <= outWidth; ox += 4) {
        const at = (<usize>ox) << 3;
        const a = v128.load(row0 + at);
        const b = v128.load(row0 + at, 16);
        const d = v128.load(row1 + at);
        const e = v128.load(row1 + at, 16);
        const top = f32x4.add(f32x4.add(zero, evens(a, b)), odds(a, b));
        const sum = f32x4.add(f32x4.add(top, evens(d, e)), odds(d, e));
        v128.store(outRow + ((<usize>ox) << 2), f32x4.mul(sum, quarter));
      }
      for (; ox < outWidth; ox++) {
        const at = (<usize>ox) << 3;
        const sum =
          <f32>0 +
          load<f32>(row0 + at) +
          load<f32>(row0 + at, 4) +
          load<f32>(row1 + at) +
          load<f32>(row1 + at, 4);
        store<f32>(outRow + ((<usize>ox) << 2), sum * 0.25);
      }
    }
  }
}

/** dx[argmax[k]] += g[k] for k < count: the max pool's backward pass. `dx` must be zeroed first. */
export function scatterAdd(argmax: usize, g: usize, dx: usize, count: i32): void {
  for (let k = 0; k < count; k++) {
    const at = dx + ((<usize>load<i32>(argmax + ((<usize>k) << 2))) << 2);
    store<f32>(at, load<f32>(at) + load<f32>(g + ((<usize>k) << 2)));
  }
}

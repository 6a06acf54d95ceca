// The forward conv's hot loop: a walk over tap offsets (see conv-layout.ts) with f32x4 accumulators across
// output columns. Four kernels × 8 columns live in 8 registers; leftover kernels go one at a time × 16
// columns. Each output is bias + Σ_t w_t·x_t summed in tap order with separate mul and add, so every
// kernel block gives the same bits, which keeps a split across workers identical to one thread.
// An activation (relu, leaky relu) is applied as the accumulators are stored: conv, bias and activation
// in one pass over the output.

import { LeakyRelu, Relu } from './activation';

/** Activation codes shared with src/backend/wasm-module.ts. */
export const ACTIVATION_NONE = 0;
export const ACTIVATION_RELU = 1;
export const ACTIVATION_LEAKY = 2;

/** `alpha` is α splat in two doubles (see leakyRelu4). */
// @ts-expect-error: decorator
function activate(v: v128, activation: i32, alpha: v128): v128 {
  if (activation === ACTIVATION_RELU) return Relu.of4(v);
  if (activation === ACTIVATION_LEAKY) return LeakyRelu.of4(v, alpha);
  return v;
}

/** Scratch for the last, partial block of a row: computed in full, then only the real columns copied. */
const TAIL: usize = memory.data(256, 16);

/**
 * out[o, oy, ox] = bias[o] + Σ_t w[o, t] · x[oy·rowStep + tap[t] + 4·ox] (byte offsets).
 * `packed` holds the first ⌊O/4⌋·4 kernels interleaved by four; `w` is the plain [O, taps] bank for the
 * rest. `bias` is 0 when absent. Reads run up to 16 floats past a row's last real column.
 */
export function convForward(
  x: usize,
  taps: usize,
  w: usize,
  packed: usize,
  bias: usize,
  out: usize,
  outChannels: i32,
  tapCount: i32,
  outHeight: i32,
  outWidth: i32,
  rowStep: i32,
  activation: i32,
  alpha: f64,
): void {
  const blocks = outChannels >> 2;
  const slope = f64x2.splat(alpha);
  for (let b = 0; b < blocks; b++) {
    forwardFourKernels(
      x,
      taps,
      packed,
      bias,
      out,
      b,
      tapCount,
      outHeight,
      outWidth,
      rowStep,
      activation,
      slope,
    );
  }
  for (let o = blocks << 2; o < outChannels; o++) {
    forwardOneKernel(x, taps, w, bias, out, o, tapCount, outHeight, outWidth, rowStep, activation, slope);
  }
}

function biasOf(bias: usize, o: i32): f32 {
  return bias === 0 ? 0 : load<f32>(bias + ((<usize>o) << 2));
}

function forwardFourKernels(
  x: usize,
  taps: usize,
  packed: usize,
  bias: usize,
  out: usize,
  block: i32,
  tapCount: i32,
  outHeight: i32,
  outWidth: i32,
  rowStep: i32,
  activation: i32,
  alpha: v128,
): void {
  const o = block << 2;
  const weights = packed + ((<usize>block * <usize>tapCount) << 4);
  const tapsEnd = taps + ((<usize>tapCount) << 2);
  const bias0 = f32x4.splat(biasOf(bias, o));
  const bias1 = f32x4.splat(biasOf(bias, o + 1));
  const bias2 = f32x4.splat(biasOf(bias, o + 2));
  const bias3 = f32x4.splat(biasOf(bias, o + 3));
  const plane = <usize>outHeight * <usize>outWidth;
  for (let oy = 0; oy < outHeight; oy++) {
    const rowBase = x + <usize>oy * <usize>rowStep;
    const outRow = out + ((<usize>o * plane + <usize>oy * <usize>outWidth) << 2);
    for (let ox = 0; ox < outWidth; ox += 8) {
      let a0 = bias0,
        b0 = bias0,
        a1 = bias1,
        b1 = bias1;
      let a2 = bias2,
        b2 = bias2,
        a3 = bias3,
        b3 = bias3;
      const colBase = rowBase + ((<usize>ox) << 2);
      let wp = weights;
      let tp = taps;
      // Two taps per turn (the same order of adds, so the same bits): half the loop's own overhead. The
      // tap body is written out, here and for an odd last tap: an AssemblyScript function cannot hand back
      // eight accumulators, and keeping them in memory instead would cost more than the unrolling saves.
      for (; tp + 4 < tapsEnd; tp += 8) {
        const p = colBase + <usize>load<i32>(tp);
        let lo = v128.load(p);
        let hi = v128.load(p, 16);
        let w0 = v128.load32_splat(wp);
        let w1 = v128.load32_splat(wp, 4);
        let w2 = v128.load32_splat(wp, 8);
        let w3 = v128.load32_splat(wp, 12);
        a0 = f32x4.add(a0, f32x4.mul(w0, lo));
        b0 = f32x4.add(b0, f32x4.mul(w0, hi));
        a1 = f32x4.add(a1, f32x4.mul(w1, lo));
        b1 = f32x4.add(b1, f32x4.mul(w1, hi));
        a2 = f32x4.add(a2, f32x4.mul(w2, lo));
        b2 = f32x4.add(b2, f32x4.mul(w2, hi));
        a3 = f32x4.add(a3, f32x4.mul(w3, lo));
        b3 = f32x4.add(b3, f32x4.mul(w3, hi));
        const q = colBase + <usize>load<i32>(tp, 4);
        lo = v128.load(q);
        hi = v128.load(q, 16);
        w0 = v128.load32_splat(wp, 16);
        w1 = v128.load32_splat(wp, 20);
        w2 = v128.load32_splat(wp, 24);
        w3 = v128.load32_splat(wp, 28);
        a0 = f32x4.add(a0, f32x4.mul(w0, lo));
        b0 = f32x4.add(b0, f32x4.mul(w0, hi));
        a1 = f32x4.add(a1, f32x4.mul(w1, lo));
        b1 = f32x4.add(b1, f32x4.mul(w1, hi));
        a2 = f32x4.add(a2, f32x4.mul(w2, lo));
        b2 = f32x4.add(b2, f32x4.mul(w2, hi));
        a3 = f32x4.add(a3, f32x4.mul(w3, lo));
        b3 = f32x4.add(b3, f32x4.mul(w3, hi));
        wp += 32;
      }
      if (tp < tapsEnd) {
        const p = colBase + <usize>load<i32>(tp);
        const lo = v128.load(p);
        const hi = v128.load(p, 16);
        const w0 = v128.load32_splat(wp);
        const w1 = v128.load32_splat(wp, 4);
        const w2 = v128.load32_splat(wp, 8);
        const w3 = v128.load32_splat(wp, 12);
        a0 = f32x4.add(a0, f32x4.mul(w0, lo));
        b0 = f32x4.add(b0, f32x4.mul(w0, hi));
        a1 = f32x4.add(a1, f32x4.mul(w1, lo));
        b1 = f32x4.add(b1, f32x4.mul(w1, hi));
        a2 = f32x4.add(a2, f32x4.mul(w2, lo));
        b2 = f32x4.add(b2, f32x4.mul(w2, hi));
        a3 = f32x4.add(a3, f32x4.mul(w3, lo));
        b3 = f32x4.add(b3, f32x4.mul(w3, hi));
      }
      const dst = outRow + ((<usize>ox) << 2);
      const count = min(8, outWidth - ox);
      const planeBytes = plane << 2;
      storeEight(dst, activate(a0, activation, alpha), activate(b0, activation, alpha), count);
      storeEight(dst + planeBytes, activate(a1, activation, alpha), activate(b1, activation, alpha), count);
      storeEight(
        dst + 2 * planeBytes,
        activate(a2, activation, alpha),
        activate(b2, activation, alpha),
        count,
      );
      storeEight(
        dst + 3 * planeBytes,
        activate(a3, activation, alpha),
        activate(b3, activation, alpha),
        count,
      );
    }
  }
}

function forwardOneKernel(
  x: usize,
  taps: usize,
  w: usize,
  bias: usize,
  out: usize,
  o: i32,
  tapCount: i32,
  outHeight: i32,
  outWidth: i32,
  rowStep: i32,
  activation: i32,
  alpha: v128,
): void {
  const weights = w + ((<usize>o * <usize>tapCount) << 2);
  const tapsEnd = taps + ((<usize>tapCount) << 2);
  const start = f32x4.splat(biasOf(bias, o));
  const plane = <usize>outHeight * <usize>outWidth;
  for (let oy = 0; oy < outHeight; oy++) {
    const rowBase = x + <usize>oy * <usize>rowStep;
    const outRow = out + ((<usize>o * plane + <usize>oy * <usize>outWidth) << 2);
    for (let ox = 0; ox < outWidth; ox += 16) {
      let a = start,
        b = start,
        c = start,
        d = start;
      const colBase = rowBase + ((<usize>ox) << 2);
      let wp = weights;
      for (let tp = taps; tp < tapsEnd; tp += 4) {
        const p = colBase + <usize>load<i32>(tp);
        const wv = v128.load32_splat(wp);
        a = f32x4.add(a, f32x4.mul(wv, v128.load(p)));
        b = f32x4.add(b, f32x4.mul(wv, v128.load(p, 16)));
        c = f32x4.add(c, f32x4.mul(wv, v128.load(p, 32)));
        d = f32x4.add(d, f32x4.mul(wv, v128.load(p, 48)));
        wp += 4;
      }
      a = activate(a, activation, alpha);
      b = activate(b, activation, alpha);
      c = activate(c, activation, alpha);
      d = activate(d, activation, alpha);
      const dst = outRow + ((<usize>ox) << 2);
      const count = outWidth - ox;
      if (count >= 16) {
        v128.store(dst, a);
        v128.store(dst, b, 16);
        v128.store(dst, c, 32);
        v128.store(dst, d, 48);
      } else {
        v128.store(TAIL, a);
        v128.store(TAIL, b, 16);
        v128.store(TAIL, c, 32);
        v128.store(TAIL, d, 48);
        memory.copy(dst, TAIL, (<usize>count) << 2);
      }
    }
  }
}

function storeEight(dst: usize, lo: v128, hi: v128, count: i32): void {
  if (count === 8) {
    v128.store(dst, lo);
    v128.store(dst, hi, 16);
  } else {
    v128.store(TAIL, lo);
    v128.store(TAIL, hi, 16);
    memory.copy(dst, TAIL, (<usize>count) << 2);
  }
}

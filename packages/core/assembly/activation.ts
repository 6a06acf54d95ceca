// Element-wise activations over a buffer, for tensors that stay in WASM memory between ops. The codes
// are those of conv-forward.ts (1 relu, 2 leaky relu).

/**
 * Relu on the bits, as the JS reference computes it (src/activations.ts reluBits): a value with its sign
 * bit set that is not a NaN (a negative number, −0, −∞) becomes +0; every other value keeps its bits, a
 * NaN's sign and payload included. f32x4.max would do the same but for NaN, whose bits it may change:
 * the fused relu of a kernel and the relu of the JS path after it must give the same bits.
 */
// biome-ignore lint/complexity/noStaticOnlyClass: as LeakyRelu below, v128 parameters
export class Relu {
  static of4(v: v128): v128 {
    const clear = v128.andnot(i32x4.shr_s(v, 31), f32x4.ne(v, v)); // sign set and not NaN
    return v128.andnot(v, clear);
  }

  static of(v: f32): f32 {
    const bits = reinterpret<i32>(v);
    const notNaN = ((bits & 0x7fffffff) - 0x7f800001) >> 31; // −1 below the NaNs' magnitudes, else 0
    const clear = (bits >> 31) & notNaN;
    return reinterpret<f32>(bits & ~clear);
  }
}

/**
 * Leaky relu of four floats: v where v > 0, else v·α. The product is taken in double precision and
 * rounded once to float, which is what the JS reference computes (a float times the double α, stored
 * in a Float32Array): the same bits, where a float multiply by α rounded to float would differ in the
 * last bit for a fifth of the values. A static method rather than an exported function: AssemblyScript
 * warns about exported functions that take v128, as JS could not call them.
 */
// biome-ignore lint/complexity/noStaticOnlyClass: see above, a plain exported function draws the warning
export class LeakyRelu {
  static of4(v: v128, slope: v128): v128 {
    const low = f64x2.mul(f64x2.promote_low_f32x4(v), slope);
    const high = f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)), slope);
    const scaled = v128.shuffle<f32>(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 1, 4, 5);
    return v128.bitselect(v, scaled, f32x4.gt(v, f32x4.splat(0)));
  }
}

/** dst[k] = relu or leaky relu of src[k] (code as in conv-forward.ts); src and dst may be the same. */
export function activateInPlace(src: usize, dst: usize, count: i32, activation: i32, alpha: f64): void {
  const slope = f64x2.splat(alpha);
  let k = 0;
  for (; k + 4 <= count; k += 4) {
    const at = (<usize>k) << 2;
    const v = v128.load(src + at);
    v128.store(dst + at, activation === 1 ? Relu.of4(v) : LeakyRelu.of4(v, slope));
  }
  for (; k < count; k++) {
    const at = (<usize>k) << 2;
    const v = load<f32>(src + at);
    store<f32>(dst + at, activation === 1 ? Relu.of(v) : select<f32>(v, <f32>(<f64>v * alpha), v > 0));
  }
}

/**
 * dst[p] = Σ of plane p of src ([planes, planeSize]): a conv's bias gradient. Sixteen running sums (four
 * f32x4) so that no add waits for the one before it.
 */
export function sumPlanes(src: usize, dst: usize, planes: i32, planeSize: i32): void {
  for (let p = 0; p < planes; p++) {
    const start = src + ((<usize>p * <usize>planeSize) << 2);
    let a = f32x4.splat(0),
      b = a,
      c = a,
      d = a;
    let k = 0;
    for (; k + 16 <= planeSize; k += 16) {
      const at = start + ((<usize>k) << 2);
      a = f32x4.add(a, v128.load(at));
      b = f32x4.add(b, v128.load(at, 16));
      c = f32x4.add(c, v128.load(at, 32));
      d = f32x4.add(d, v128.load(at, 48));
    }
    const v = f32x4.add(f32x4.add(a, b), f32x4.add(c, d));
    let sum: f32 =
      f32x4.extract_lane(v, 0) +
      f32x4.extract_lane(v, 1) +
      (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
    for (; k < planeSize; k++) sum += load<f32>(start + ((<usize>k) << 2));
    store<f32>(dst + ((<usize>p) << 2), sum);
  }
}

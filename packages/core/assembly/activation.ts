// Element-wise activations over a buffer, for tensors that stay in WASM memory between ops. The codes
// are those of conv-forward.ts (1 relu, 2 leaky relu); f32.max keeps NaN and maps -0 to +0, as Math.max.

/** dst[k] = relu or leaky relu of src[k] (code as in conv-forward.ts); src and dst may be the same. */
export function activateInPlace(src: usize, dst: usize, count: i32, activation: i32, alpha: f32): void {
  const zero = f32x4.splat(0);
  const slope = f32x4.splat(alpha);
  let k = 0;
  for (; k + 4 <= count; k += 4) {
    const at = (<usize>k) << 2;
    const v = v128.load(src + at);
    const y =
      activation === 1 ? f32x4.max(v, zero) : v128.bitselect(v, f32x4.mul(v, slope), f32x4.gt(v, zero));
    v128.store(dst + at, y);
  }
  for (; k < count; k++) {
    const at = (<usize>k) << 2;
    const v = load<f32>(src + at);
    store<f32>(dst + at, activation === 1 ? max<f32>(v, 0) : select<f32>(v, v * alpha, v > 0));
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

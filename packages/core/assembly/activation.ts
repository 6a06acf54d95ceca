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

// The weight gradient: for each kernel tap, a dot product of the output gradient with the input the tap
// saw, over every output position (tied weights). f32x4 runs across output columns; four kernels share
// each input load. The input gradient needs no loop of its own: it is a forward conv of the zero-spread
// gradient with the rotated kernels (see wasm-kernels.ts).

/**
 * dw[o, t] = Σ_{oy,ox} g[o, oy, ox] · x[oy·rowStep + tap[t] + 4·ox] (byte offsets), overwriting dw.
 */
export function convBackwardWeights(
  x: usize,
  taps: usize,
  g: usize,
  dw: usize,
  outChannels: i32,
  tapCount: i32,
  outHeight: i32,
  outWidth: i32,
  rowStep: i32,
): void {
  const blocks = outChannels >> 2;
  for (let b = 0; b < blocks; b++) {
    weightsOfFourKernels(x, taps, g, dw, b << 2, tapCount, outHeight, outWidth, rowStep);
  }
  for (let o = blocks << 2; o < outChannels; o++) {
    weightsOfOneKernel(x, taps, g, dw, o, tapCount, outHeight, outWidth, rowStep);
  }
}

function weightsOfFourKernels(
  x: usize,
  taps: usize,
  g: usize,
  dw: usize,
  o: i32,
  tapCount: i32,
  outHeight: i32,
  outWidth: i32,
  rowStep: i32,
): void {
  const planeBytes = (<usize>outHeight * <usize>outWidth) << 2;
  const g0 = g + <usize>o * planeBytes;
  const vectorEnd = (<usize>(outWidth & ~3)) << 2;
  const rowEnd = (<usize>outWidth) << 2;
  for (let t = 0; t < tapCount; t++) {
    const tapBase = x + <usize>load<i32>(taps + ((<usize>t) << 2));
    let a0 = f32x4.splat(0),
      a1 = a0,
      a2 = a0,
      a3 = a0;
    let s0: f32 = 0,
      s1: f32 = 0,
      s2: f32 = 0,
      s3: f32 = 0;
    for (let oy = 0; oy < outHeight; oy++) {
      const xRow = tapBase + <usize>oy * <usize>rowStep;
      const gRow = g0 + ((<usize>oy * <usize>outWidth) << 2);
      let col: usize = 0;
      for (; col < vectorEnd; col += 16) {
        const xv = v128.load(xRow + col);
        const gp = gRow + col;
        a0 = f32x4.add(a0, f32x4.mul(v128.load(gp), xv));
        a1 = f32x4.add(a1, f32x4.mul(v128.load(gp + planeBytes), xv));
        a2 = f32x4.add(a2, f32x4.mul(v128.load(gp + 2 * planeBytes), xv));
        a3 = f32x4.add(a3, f32x4.mul(v128.load(gp + 3 * planeBytes), xv));
      }
      for (; col < rowEnd; col += 4) {
        const xs = load<f32>(xRow + col);
        const gp = gRow + col;
        s0 += load<f32>(gp) * xs;
        s1 += load<f32>(gp + planeBytes) * xs;
        s2 += load<f32>(gp + 2 * planeBytes) * xs;
        s3 += load<f32>(gp + 3 * planeBytes) * xs;
      }
    }
    const out = dw + ((<usize>o * <usize>tapCount + <usize>t) << 2);
    const kernelBytes = (<usize>tapCount) << 2;
    store<f32>(out, horizontalSum(a0) + s0);
    store<f32>(out + kernelBytes, horizontalSum(a1) + s1);
    store<f32>(out + 2 * kernelBytes, horizontalSum(a2) + s2);
    store<f32>(out + 3 * kernelBytes, horizontalSum(a3) + s3);
  }
}

function weightsOfOneKernel(
  x: usize,
  taps: usize,
  g: usize,
  dw: usize,
  o: i32,
  tapCount: i32,
  outHeight: i32,
  outWidth: i32,
  rowStep: i32,
): void {
  const g0 = g + ((<usize>o * <usize>outHeight * <usize>outWidth) << 2);
  const vectorEnd = (<usize>(outWidth & ~3)) << 2;
  const rowEnd = (<usize>outWidth) << 2;
  for (let t = 0; t < tapCount; t++) {
    const tapBase = x + <usize>load<i32>(taps + ((<usize>t) << 2));
    let acc = f32x4.splat(0);
    let scalar: f32 = 0;
    for (let oy = 0; oy < outHeight; oy++) {
      const xRow = tapBase + <usize>oy * <usize>rowStep;
      const gRow = g0 + ((<usize>oy * <usize>outWidth) << 2);
      let col: usize = 0;
      for (; col < vectorEnd; col += 16) {
        acc = f32x4.add(acc, f32x4.mul(v128.load(gRow + col), v128.load(xRow + col)));
      }
      for (; col < rowEnd; col += 4) scalar += load<f32>(gRow + col) * load<f32>(xRow + col);
    }
    store<f32>(dw + ((<usize>o * <usize>tapCount + <usize>t) << 2), horizontalSum(acc) + scalar);
  }
}

function horizontalSum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) +
    f32x4.extract_lane(v, 1) +
    (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
  );
}

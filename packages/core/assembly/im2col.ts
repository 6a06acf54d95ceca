// Convolution as one matrix product. im2col lays every kernel tap's view of a batch of padded inputs
// out as one row, so out[O, N·P] = W[O, K] · cols[K, N·P] runs on the gemm tile (matmul.ts) with the
// batch and the output positions together in the SIMD lanes. col2im is its adjoint: it adds a column
// matrix back onto the padded inputs (the input gradient). K = C·kh·kw, P = outH·outW.

/**
 * cols[(c·kh + i)·kw + j, n·P + oy·outW + ox] = x[n, c, oy·sy + i·dy, ox·sx + j·dx] for a batch of padded
 * inputs x [N, C, H, W]. Rows are `stride` floats (≥ N·P, a multiple of 8: the gemm's packed B), the
 * columns past N·P zeroed.
 */
export function im2col(
  x: usize,
  cols: usize,
  batch: i32,
  channels: i32,
  height: i32,
  width: i32,
  kernelHeight: i32,
  kernelWidth: i32,
  strideY: i32,
  strideX: i32,
  dilationY: i32,
  dilationX: i32,
  outHeight: i32,
  outWidth: i32,
  stride: i32,
): void {
  const plane = <usize>height * <usize>width;
  const used = <usize>batch * <usize>outHeight * <usize>outWidth;
  let row = cols;
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < kernelHeight; i++) {
      for (let j = 0; j < kernelWidth; j++) {
        let to = row;
        for (let n = 0; n < batch; n++) {
          const base = x + (((<usize>n * <usize>channels + <usize>c) * plane) << 2);
          for (let oy = 0; oy < outHeight; oy++) {
            const y = oy * strideY + i * dilationY;
            const from = base + ((<usize>y * <usize>width + <usize>(j * dilationX)) << 2);
            copyRun(to, from, outWidth, strideX);
            to += (<usize>outWidth) << 2;
          }
        }
        memory.fill(to, 0, (<usize>stride - used) << 2);
        row += (<usize>stride) << 2;
      }
    }
  }
}

/** dst[q] = src[q·step] for q < count. */
function copyRun(dst: usize, src: usize, count: i32, step: i32): void {
  let q = 0;
  if (step === 1) {
    // Runs are short (one output row): f32x4 moves beat a memory.copy call each.
    for (; q + 4 <= count; q += 4) {
      const at = (<usize>q) << 2;
      v128.store(dst + at, v128.load(src + at));
    }
  }
  const jump = (<usize>step) << 2;
  let from = src + <usize>q * jump;
  for (; q < count; q++) {
    store<f32>(dst + ((<usize>q) << 2), load<f32>(from));
    from += jump;
  }
}

/**
 * The adjoint of im2col: dx[n, c, oy·sy + i·dy, ox·sx + j·dx] += cols[(c·kh + i)·kw + j, n·P + oy·outW + ox].
 * `dx` [N, C, H, W] is overwritten (zeroed first). Rows are added in tap order, so each cell sums its
 * contributions in one fixed order.
 */
export function col2im(
  cols: usize,
  dx: usize,
  batch: i32,
  channels: i32,
  height: i32,
  width: i32,
  kernelHeight: i32,
  kernelWidth: i32,
  strideY: i32,
  strideX: i32,
  dilationY: i32,
  dilationX: i32,
  outHeight: i32,
  outWidth: i32,
  stride: i32,
): void {
  const plane = <usize>height * <usize>width;
  memory.fill(dx, 0, (<usize>batch * <usize>channels * plane) << 2);
  let row = cols;
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < kernelHeight; i++) {
      for (let j = 0; j < kernelWidth; j++) {
        let from = row;
        for (let n = 0; n < batch; n++) {
          const base = dx + (((<usize>n * <usize>channels + <usize>c) * plane) << 2);
          for (let oy = 0; oy < outHeight; oy++) {
            const y = oy * strideY + i * dilationY;
            const to = base + ((<usize>y * <usize>width + <usize>(j * dilationX)) << 2);
            addRun(to, from, outWidth, strideX);
            from += (<usize>outWidth) << 2;
          }
        }
        row += (<usize>stride) << 2;
      }
    }
  }
}

/** dst[q·step] += src[q] for q < count; f32x4 when the run is contiguous. */
function addRun(dst: usize, src: usize, count: i32, step: i32): void {
  let q = 0;
  if (step === 1) {
    for (; q + 4 <= count; q += 4) {
      const at = (<usize>q) << 2;
      v128.store(dst + at, f32x4.add(v128.load(dst + at), v128.load(src + at)));
    }
  }
  const jump = (<usize>step) << 2;
  let to = dst + <usize>q * jump;
  for (; q < count; q++) {
    store<f32>(to, load<f32>(to) + load<f32>(src + ((<usize>q) << 2)));
    to += jump;
  }
}

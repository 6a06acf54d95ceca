// Rearrangements done once per call, in O(n), so that the hot loops only ever do contiguous f32x4 loads.

/**
 * Splits every row of a [rows, width] block into `stride` column phases:
 * dst[(r·stride + p)·planeWidth + m] = src[r·width + m·stride + p]. With the phases apart, the input
 * columns read by consecutive output columns of a strided conv sit next to each other. Cells of a phase
 * past the row's end are zero.
 */
export function deinterleaveColumns(
  src: usize,
  dst: usize,
  rows: i32,
  width: i32,
  stride: i32,
  planeWidth: i32,
): void {
  for (let r = 0; r < rows; r++) {
    const srcRow = src + ((<usize>r * <usize>width) << 2);
    for (let p = 0; p < stride; p++) {
      const dstRow = dst + (((<usize>r * <usize>stride + <usize>p) * <usize>planeWidth) << 2);
      let m = 0;
      for (let col = p; col < width; col += stride) {
        store<f32>(dstRow + ((<usize>m) << 2), load<f32>(srcRow + ((<usize>col) << 2)));
        m++;
      }
      for (; m < planeWidth; m++) store<f32>(dstRow + ((<usize>m) << 2), 0);
    }
  }
}

/**
 * Byte offset, from the start of output row 0's input, of every kernel tap t = (c·kh + i)·kw + j in the
 * deinterleaved input: channel c, row i·dy, column phase (j·dx) mod sx, column (j·dx) div sx.
 */
export function writeTapOffsets(
  dst: usize,
  channels: i32,
  height: i32,
  kernelHeight: i32,
  kernelWidth: i32,
  dilationY: i32,
  dilationX: i32,
  strideX: i32,
  planeWidth: i32,
): void {
  let t: usize = 0;
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < kernelHeight; i++) {
      const row = c * height + i * dilationY;
      for (let j = 0; j < kernelWidth; j++) {
        const shift = j * dilationX;
        const element = (row * strideX + (shift % strideX)) * planeWidth + shift / strideX;
        store<i32>(dst + (t << 2), element << 2);
        t++;
      }
    }
  }
}

/** Interleaves four kernels tap by tap: dst[(b·taps + t)·4 + k] = w[(4b + k)·taps + t]. */
export function packWeightsByFour(w: usize, dst: usize, blocks: i32, taps: i32): void {
  for (let b = 0; b < blocks; b++) {
    for (let t = 0; t < taps; t++) {
      for (let k = 0; k < 4; k++) {
        const from = (<usize>(b * 4 + k) * <usize>taps + <usize>t) << 2;
        const to = ((<usize>b * <usize>taps + <usize>t) * 4 + <usize>k) << 2;
        store<f32>(dst + to, load<f32>(w + from));
      }
    }
  }
}

/**
 * The inverse direction of deinterleaveColumns for one phase: dst[r·rowStep + q·columnStep] =
 * src[r·width + q] (element units). Puts one stride phase of the input gradient in place.
 */
export function scatterPhase(
  src: usize,
  dst: usize,
  rows: i32,
  width: i32,
  rowStep: i32,
  columnStep: i32,
): void {
  for (let r = 0; r < rows; r++) {
    const from = src + ((<usize>r * <usize>width) << 2);
    const to = dst + ((<usize>r * <usize>rowStep) << 2);
    for (let q = 0; q < width; q++) {
      store<f32>(to + ((<usize>q * <usize>columnStep) << 2), load<f32>(from + ((<usize>q) << 2)));
    }
  }
}

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
  if (stride === 2) {
    deinterleavePairs(src, dst, rows, width, planeWidth);
    return;
  }
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
 * deinterleaveColumns for stride 2, the common case (2×2 pooling, stride-2 convs): eight columns at a
 * time, two loads and two shuffles into the even and odd phase; the scalar loop finishes the row.
 */
function deinterleavePairs(src: usize, dst: usize, rows: i32, width: i32, planeWidth: i32): void {
  for (let r = 0; r < rows; r++) {
    const srcRow = src + ((<usize>r * <usize>width) << 2);
    const evenRow = dst + ((<usize>r * 2 * <usize>planeWidth) << 2);
    const oddRow = evenRow + ((<usize>planeWidth) << 2);
    let col = 0;
    for (; col + 8 <= width; col += 8) {
      const a = v128.load(srcRow + ((<usize>col) << 2));
      const b = v128.load(srcRow + ((<usize>col + 4) << 2));
      const m = (<usize>col) << 1; // col / 2 floats, in bytes
      v128.store(evenRow + m, i8x16.shuffle(a, b, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27));
      v128.store(oddRow + m, i8x16.shuffle(a, b, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31));
    }
    for (let m = col >> 1; m < planeWidth; m++) {
      const even = 2 * m;
      const odd = even + 1;
      store<f32>(evenRow + ((<usize>m) << 2), even < width ? load<f32>(srcRow + ((<usize>even) << 2)) : 0);
      store<f32>(oddRow + ((<usize>m) << 2), odd < width ? load<f32>(srcRow + ((<usize>odd) << 2)) : 0);
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

/**
 * Constant padding of a [channels, height, width] block into [channels, top+height+bottom,
 * left+width+right]: each real row is one memory.copy, every border cell holds `fill` (0 for conv and
 * avg pooling, -Infinity for max pooling). `src` and `dst` must not overlap.
 */
export function padConstant(
  src: usize,
  dst: usize,
  channels: i32,
  height: i32,
  width: i32,
  top: i32,
  bottom: i32,
  left: i32,
  right: i32,
  fill: f32,
): void {
  const paddedWidth = left + width + right;
  const rowBytes = (<usize>width) << 2;
  for (let c = 0; c < channels; c++) {
    let to = dst + ((<usize>c * <usize>(top + height + bottom) * <usize>paddedWidth) << 2);
    to = fillCells(to, top * paddedWidth, fill);
    let from = src + ((<usize>c * <usize>height * <usize>width) << 2);
    for (let y = 0; y < height; y++) {
      to = fillCells(to, left, fill);
      memory.copy(to, from, rowBytes);
      to += rowBytes;
      from += rowBytes;
      to = fillCells(to, right, fill);
    }
    fillCells(to, bottom * paddedWidth, fill);
  }
}

/** Writes `count` copies of `value` from `at`; returns the address after them. */
function fillCells(at: usize, count: i32, value: f32): usize {
  if (value === 0 && count > 8) {
    memory.fill(at, 0, (<usize>count) << 2);
    return at + ((<usize>count) << 2);
  }
  for (let k = 0; k < count; k++) store<f32>(at + ((<usize>k) << 2), value);
  return at + ((<usize>count) << 2);
}

/**
 * The inverse of padConstant: copies the [channels, height, width] interior out of a block padded by
 * top and left (and bottom/right, implied by paddedHeight/paddedWidth). Folds a zero-padded gradient.
 */
export function cropPadded(
  src: usize,
  dst: usize,
  channels: i32,
  paddedHeight: i32,
  paddedWidth: i32,
  top: i32,
  left: i32,
  height: i32,
  width: i32,
): void {
  const rowBytes = (<usize>width) << 2;
  let to = dst;
  for (let c = 0; c < channels; c++) {
    let from =
      src + (((<usize>c * <usize>paddedHeight + <usize>top) * <usize>paddedWidth + <usize>left) << 2);
    for (let y = 0; y < height; y++) {
      memory.copy(to, from, rowBytes);
      to += rowBytes;
      from += (<usize>paddedWidth) << 2;
    }
  }
}

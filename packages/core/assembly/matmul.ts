// Dense layers: C = A·B (+ bias per column) with a 4×8 register tile. For four rows of A and eight
// columns of C, each step k broadcasts A[i, k] and multiplies two f32x4 loads of row k of B: eight
// accumulators stay in registers for the whole of K. B is packed first (packColumns, or transposePack
// for Bᵀ) into rows of `stride` floats, a multiple of 8 with zero columns past N, so the tile never
// needs an edge case in K or N; only the last rows of A (fewer than four) take the one-row loop.

/** Scratch for a partial tile's last columns: computed in full, only the real ones copied. */
const TILE: usize = memory.data(32, 16);

/**
 * c[i, j] = bias[j] + Σ_k a[i, k] · b[k, j] for i < m, j < n, summed in k order. `a` is [m, k] row-major,
 * `b` is packed [k, stride], `bias` is 0 or [stride], `c` is [m, n] and is overwritten.
 */
export function gemm(a: usize, b: usize, bias: usize, c: usize, m: i32, k: i32, n: i32, stride: i32): void {
  // Column panels outside, rows inside: one k×8 panel of B stays in cache while every row tile of A
  // passes over it. A conv as a product (im2col.ts) has few rows and a B of megabytes, which the other
  // order would stream from memory once per row tile. Each output's sum is the same either way.
  const tiled = m & ~3;
  for (let j = 0; j < n; j += 8) {
    for (let i = 0; i < tiled; i += 4) fourRows(a, b, bias, c, i, j, k, n, stride);
    for (let i = tiled; i < m; i++) oneRow(a, b, bias, c, i, j, k, n, stride);
  }
}

// @ts-expect-error: decorator
function start(bias: usize, j: i32, half: i32): v128 {
  return bias === 0 ? f32x4.splat(0) : v128.load(bias + ((<usize>(j + 4 * half)) << 2));
}

function fourRows(
  a: usize,
  b: usize,
  bias: usize,
  c: usize,
  i: i32,
  j: i32,
  k: i32,
  n: i32,
  stride: i32,
): void {
  let c00 = start(bias, j, 0),
    c01 = start(bias, j, 1);
  let c10 = c00,
    c11 = c01,
    c20 = c00,
    c21 = c01,
    c30 = c00,
    c31 = c01;
  const rowBytes = (<usize>k) << 2;
  const a0 = a + <usize>i * rowBytes;
  const bRow = (<usize>stride) << 2;
  let bp = b + ((<usize>j) << 2);
  for (let p: usize = 0; p < rowBytes; p += 4) {
    const lo = v128.load(bp);
    const hi = v128.load(bp, 16);
    const x0 = v128.load32_splat(a0 + p);
    const x1 = v128.load32_splat(a0 + rowBytes + p);
    const x2 = v128.load32_splat(a0 + 2 * rowBytes + p);
    const x3 = v128.load32_splat(a0 + 3 * rowBytes + p);
    c00 = f32x4.add(c00, f32x4.mul(x0, lo));
    c01 = f32x4.add(c01, f32x4.mul(x0, hi));
    c10 = f32x4.add(c10, f32x4.mul(x1, lo));
    c11 = f32x4.add(c11, f32x4.mul(x1, hi));
    c20 = f32x4.add(c20, f32x4.mul(x2, lo));
    c21 = f32x4.add(c21, f32x4.mul(x2, hi));
    c30 = f32x4.add(c30, f32x4.mul(x3, lo));
    c31 = f32x4.add(c31, f32x4.mul(x3, hi));
    bp += bRow;
  }
  const count = min(8, n - j);
  const out = c + ((<usize>i * <usize>n + <usize>j) << 2);
  const outRow = (<usize>n) << 2;
  storeTile(out, c00, c01, count);
  storeTile(out + outRow, c10, c11, count);
  storeTile(out + 2 * outRow, c20, c21, count);
  storeTile(out + 3 * outRow, c30, c31, count);
}

function oneRow(
  a: usize,
  b: usize,
  bias: usize,
  c: usize,
  i: i32,
  j: i32,
  k: i32,
  n: i32,
  stride: i32,
): void {
  let lo = start(bias, j, 0),
    hi = start(bias, j, 1);
  const rowBytes = (<usize>k) << 2;
  const a0 = a + <usize>i * rowBytes;
  const bRow = (<usize>stride) << 2;
  let bp = b + ((<usize>j) << 2);
  for (let p: usize = 0; p < rowBytes; p += 4) {
    const x = v128.load32_splat(a0 + p);
    lo = f32x4.add(lo, f32x4.mul(x, v128.load(bp)));
    hi = f32x4.add(hi, f32x4.mul(x, v128.load(bp, 16)));
    bp += bRow;
  }
  storeTile(c + ((<usize>i * <usize>n + <usize>j) << 2), lo, hi, min(8, n - j));
}

function storeTile(dst: usize, lo: v128, hi: v128, count: i32): void {
  if (count === 8) {
    v128.store(dst, lo);
    v128.store(dst, hi, 16);
  } else {
    v128.store(TILE, lo);
    v128.store(TILE, hi, 16);
    memory.copy(dst, TILE, (<usize>count) << 2);
  }
}

/** dst[r, q] = src[r, q] for q < cols, 0 for cols ≤ q < stride: B as it is, in rows of `stride`. */
export function packColumns(src: usize, dst: usize, rows: i32, cols: i32, stride: i32): void {
  for (let r = 0; r < rows; r++) {
    const to = dst + ((<usize>r * <usize>stride) << 2);
    memory.copy(to, src + ((<usize>r * <usize>cols) << 2), (<usize>cols) << 2);
    memory.fill(to + ((<usize>cols) << 2), 0, (<usize>(stride - cols)) << 2);
  }
}

/**
 * dst[q, r] = src[r, q]: a [rows, cols] matrix transposed into rows of `stride` (≥ rows) floats, the
 * columns from rows to stride zeroed. Used for Bᵀ (then stride is a multiple of 8) and for Aᵀ.
 */
export function transposePack(src: usize, dst: usize, rows: i32, cols: i32, stride: i32): void {
  for (let q = 0; q < cols; q++) {
    const to = dst + ((<usize>q * <usize>stride) << 2);
    for (let r = 0; r < rows; r++) {
      store<f32>(to + ((<usize>r) << 2), load<f32>(src + ((<usize>r * <usize>cols + <usize>q) << 2)));
    }
    memory.fill(to + ((<usize>rows) << 2), 0, (<usize>(stride - rows)) << 2);
  }
}

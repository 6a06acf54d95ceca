// Moving a batch between the network's layout [N, O, P] (one example after another) and the layouts
// the gemm wants: [O, N·P] rows (the product's output, and its packed B for the input gradient) and
// [N·P, O] rows (packed B for the weight gradient). P is one output map, outH·outW.

import { Relu } from './activation';

/**
 * dst[n, o, p] = act(src[o, n·P + p] + bias[o]): the product's rows put back example by example, with
 * the bias and relu (code 1) applied on the way; `stride` is src's row length. `bias` may be 0.
 */
export function rowsToBatch(
  src: usize,
  dst: usize,
  bias: usize,
  kernels: i32,
  batch: i32,
  plane: i32,
  stride: i32,
  activation: i32,
): void {
  for (let o = 0; o < kernels; o++) {
    const b: f32 = bias === 0 ? 0 : load<f32>(bias + ((<usize>o) << 2));
    const bv = f32x4.splat(b);
    for (let n = 0; n < batch; n++) {
      const from = src + ((<usize>o * <usize>stride + <usize>n * <usize>plane) << 2);
      const to = dst + (((<usize>n * <usize>kernels + <usize>o) * <usize>plane) << 2);
      let p = 0;
      for (; p + 4 <= plane; p += 4) {
        const at = (<usize>p) << 2;
        let v = f32x4.add(v128.load(from + at), bv);
        if (activation === 1) v = Relu.of4(v);
        v128.store(to + at, v);
      }
      for (; p < plane; p++) {
        const at = (<usize>p) << 2;
        let v = load<f32>(from + at) + b;
        if (activation === 1) v = Relu.of(v);
        store<f32>(to + at, v);
      }
    }
  }
}

/**
 * The gradient of a conv layer's output, [N, O, P] at `grad`, masked where a fused relu's output `out`
 * was not positive (when relu is 1; in place), then laid out twice for the gemm: `rows` [O, rowStride]
 * (columns past N·P zero) unless 0, and `columns` [columnRows, columnStride] = its transpose (rows past N·P
 * and columns past O zero). `bias` [O] receives Σ over the batch and positions, example by example.
 */
export function gradientLayouts(
  grad: usize,
  out: usize,
  relu: i32,
  kernels: i32,
  batch: i32,
  plane: i32,
  rows: usize,
  rowStride: i32,
  columns: usize,
  columnRows: i32,
  columnStride: i32,
  bias: usize,
): void {
  const used = <usize>batch * <usize>plane;
  memory.fill(columns, 0, (<usize>columnRows * <usize>columnStride) << 2);
  for (let o = 0; o < kernels; o++) store<f32>(bias + ((<usize>o) << 2), 0);
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < kernels; o++) {
      const at = ((<usize>n * <usize>kernels + <usize>o) * <usize>plane) << 2;
      let sum: f32 = 0;
      for (let p = 0; p < plane; p++) {
        const k = at + ((<usize>p) << 2);
        let g = load<f32>(grad + k);
        if (relu === 1 && load<f32>(out + k) <= 0) {
          g = 0;
          store<f32>(grad + k, 0);
        }
        sum += g;
        const column = <usize>n * <usize>plane + <usize>p;
        if (rows !== 0) store<f32>(rows + ((<usize>o * <usize>rowStride + column) << 2), g);
        store<f32>(columns + ((column * <usize>columnStride + <usize>o) << 2), g);
      }
      const b = bias + ((<usize>o) << 2);
      store<f32>(b, load<f32>(b) + sum);
    }
  }
  if (rows === 0) return;
  for (let o = 0; o < kernels; o++) {
    memory.fill(rows + ((<usize>o * <usize>rowStride + used) << 2), 0, (<usize>rowStride - used) << 2);
  }
}

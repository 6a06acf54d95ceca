import { getKernels } from './backend/active-kernels';
import type { GemmGeometry } from './backend/kernels';
import { formatShape, ShapeError } from './shape-errors';
import { jsData, Tensor } from './tensor';

export interface MatmulOptions {
  /** Use A transposed: A is stored `[K, M]`. */
  readonly transposeA?: boolean;
  /** Use B transposed: B is stored `[N, K]` (a dense layer's weights `[out, in]` give X·Wᵀ). */
  readonly transposeB?: boolean;
  /** One value per output column `[N]`, added to every row. */
  readonly bias?: Tensor | readonly number[] | undefined;
}

/**
 * The matrix product C = op(A)·op(B) (+ bias per column), `[M, N]`, where op transposes when asked. A
 * dense layer over a batch is `matmul(x, w, { transposeB: true, bias })` with x `[B, in]` and w
 * `[out, in]`; its gradients are `matmul(dy, w)` for dx and `matmul(dy, x, { transposeA: true })` for
 * dw. On the WASM kernels it runs a SIMD 4×8 register tile; the output lives in WASM memory when an
 * input does.
 */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  const g = planMatmul(a, b, options);
  const bias = resolveBias(options.bias, g.n);
  const kernels = getKernels();
  if (kernels.device !== undefined) return kernels.device.gemm(a, b, bias, g);
  const out = new Float32Array(g.m * g.n);
  kernels.gemm(jsData(a), jsData(b), bias, g, out);
  return new Tensor([g.m, g.n], out);
}

function planMatmul(a: Tensor, b: Tensor, options: MatmulOptions): GemmGeometry {
  for (const [name, t] of [
    ['A', a],
    ['B', b],
  ] as const) {
    if (t.rank !== 2) {
      throw new ShapeError('matmul', `${name} must be a matrix (rank 2) but is ${formatShape(t.shape)}`);
    }
  }
  const transposeA = options.transposeA === true;
  const transposeB = options.transposeB === true;
  const [a0, a1] = a.shape as [number, number];
  const [b0, b1] = b.shape as [number, number];
  const [m, k] = transposeA ? [a1, a0] : [a0, a1];
  const [kb, n] = transposeB ? [b1, b0] : [b0, b1];
  if (k !== kb) {
    const left = transposeA ? `Aᵀ is [${m}, ${k}]` : `A is [${m}, ${k}]`;
    const right = transposeB ? `Bᵀ is [${kb}, ${n}]` : `B is [${kb}, ${n}]`;
    throw new ShapeError('matmul', `inner sizes differ: ${left} but ${right}`);
  }
  return { m, k, n, transposeA, transposeB };
}

function resolveBias(bias: MatmulOptions['bias'], columns: number): Float32Array | null {
  if (bias === undefined) return null;
  const values = bias instanceof Tensor ? jsData(bias) : Float32Array.from(bias);
  if (values.length !== columns) {
    throw new ShapeError('matmul', `bias has ${values.length} values but the product has ${columns} columns`);
  }
  return values;
}

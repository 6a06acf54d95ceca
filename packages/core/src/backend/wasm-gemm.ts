import type { GemmGeometry } from './kernels';
import type { WasmArena } from './wasm-arena';
import type { KernelExports } from './wasm-module';

/**
 * The dense product on the WASM tile kernel (assembly/matmul.ts), on operands already in memory at
 * `a` and `b` (stored as `g` says). Packs B (transposing it if asked) into rows padded to a multiple of
 * eight, and Aᵀ into [m, k] when A comes transposed, then runs the kernel into a scratch block of the
 * arena, whose address it returns.
 */
export function runGemm(
  wasm: KernelExports,
  arena: WasmArena,
  a: number,
  b: number,
  bias: Float32Array | null,
  g: GemmGeometry,
): number {
  const { m, k, n } = g;
  const stride = Math.max(8, Math.ceil(n / 8) * 8);
  const packedB = arena.allocate(k * stride);
  const packedA = g.transposeA ? arena.allocate(m * k) : a;
  const biasAddress = bias === null ? 0 : arena.allocate(stride);
  const c = arena.allocate(m * n);
  if (g.transposeB) wasm.transposePack(b, packedB, n, k, stride);
  else wasm.packColumns(b, packedB, k, n, stride);
  if (g.transposeA) wasm.transposePack(a, packedA, k, m, k);
  if (bias !== null) {
    const view = arena.floats(biasAddress, stride);
    view.fill(0);
    view.set(bias);
  }
  wasm.gemm(packedA, packedB, biasAddress, c, m, k, n, stride);
  return c;
}

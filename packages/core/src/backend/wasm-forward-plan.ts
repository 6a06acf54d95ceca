import type { WasmArena } from './wasm-arena';
import type { ActivationCode, KernelExports } from './wasm-module';

/**
 * The buffers of one call of the wasm `convForward` loop: input (already laid out), tap offset table,
 * weights [kernels, taps], optional bias, output [kernels, outH, outW]. Shared by the forward pass and by
 * every phase of the input gradient.
 */
export interface ForwardPlan {
  readonly taps: number;
  readonly tapCount: number;
  readonly weights: number;
  readonly packed: number;
  readonly bias: number;
  readonly out: number;
  /** Kernels actually computed: 2 or 3 leftover kernels are padded with zero kernels to a block of four. */
  readonly kernels: number;
  readonly outHeight: number;
  readonly outWidth: number;
}

/** Rounds 4k+2 and 4k+3 up to 4k+4: one four-kernel pass beats two or three one-kernel passes. */
export function computedKernels(kernels: number): number {
  return kernels % 4 >= 2 ? Math.ceil(kernels / 4) * 4 : kernels;
}

export function planForward(
  arena: WasmArena,
  kernels: number,
  tapCount: number,
  outHeight: number,
  outWidth: number,
  withBias: boolean,
): ForwardPlan {
  const computed = computedKernels(kernels);
  return {
    taps: arena.allocate(tapCount),
    tapCount,
    weights: arena.allocate(computed * tapCount),
    packed: arena.allocate(computed * tapCount),
    bias: withBias ? arena.allocate(computed) : 0,
    out: arena.allocate(computed * outHeight * outWidth),
    kernels: computed,
    outHeight,
    outWidth,
  };
}

/** Zeroes the padding kernels (and their bias) that computedKernels added after the real `kernels`. */
export function zeroPaddingKernels(arena: WasmArena, plan: ForwardPlan, kernels: number): void {
  const extra = plan.kernels - kernels;
  if (extra === 0) return;
  arena.floats(plan.weights + kernels * plan.tapCount * 4, extra * plan.tapCount).fill(0);
  if (plan.bias !== 0) arena.floats(plan.bias + kernels * 4, extra).fill(0);
}

/** Packs the weights and runs the loop over `input` laid out `rowStep` bytes per output row. */
export function runForward(
  wasm: KernelExports,
  plan: ForwardPlan,
  input: number,
  rowStep: number,
  activation: ActivationCode = 0,
  alpha = 0,
): void {
  wasm.packWeightsByFour(plan.weights, plan.packed, plan.kernels >> 2, plan.tapCount);
  wasm.convForward(
    input,
    plan.taps,
    plan.weights,
    plan.packed,
    plan.bias,
    plan.out,
    plan.kernels,
    plan.tapCount,
    plan.outHeight,
    plan.outWidth,
    rowStep,
    activation,
    alpha,
  );
}

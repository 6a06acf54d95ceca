import type { TensorDevice } from './tensor-device';
import type { NativeKernels } from './wasm-workspace';

/**
 * The inner loops of conv and pool, as one swappable set. The public ops (conv2d.ts, pool2d.ts) validate,
 * resolve padding, materialize the padded input and flip the kernel; then they call these loops, which only
 * ever see a 'valid' window walk over an already padded input. That keeps every branch out of the hot loops
 * and lets a fast backend (WASM SIMD) replace the readable reference one behind the same signatures.
 */

/** Shapes of one conv call, after padding has been applied to the input. */
export interface ConvGeometry {
  /** Input channels, and the padded input's height and width. */
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  /** Number of kernels, and each kernel's height and width (before dilation). */
  readonly outChannels: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly strideY: number;
  readonly strideX: number;
  readonly dilationY: number;
  readonly dilationX: number;
  /** Output height and width: floor((padded − effectiveKernel) / stride) + 1. */
  readonly outHeight: number;
  readonly outWidth: number;
}

/** Shapes of one pool call, after padding has been applied to the input. */
export interface PoolGeometry {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  readonly sizeY: number;
  readonly sizeX: number;
  readonly strideY: number;
  readonly strideX: number;
  readonly outHeight: number;
  readonly outWidth: number;
}

/** Shapes of one matrix product C[m, n] = op(A)·op(B), op(X) = X or Xᵀ. */
export interface GemmGeometry {
  readonly m: number;
  readonly k: number;
  readonly n: number;
  /** A is stored [k, m] and used transposed; else stored [m, k]. */
  readonly transposeA: boolean;
  /** B is stored [n, k] and used transposed; else stored [k, n]. */
  readonly transposeB: boolean;
}

export interface ComputeKernels {
  /** A name for benchmarks and diagnostics: 'reference' or 'wasm-simd'. */
  readonly name: string;

  /**
   * out[o, y, x] = bias[o] + Σ_{c,i,j} w[o, c, i, j] · x[c, y·strideY + i·dilationY, x·strideX + j·dilationX].
   * `x` is the padded input [C, H, W]; `w` is [O, C, kh, kw], already flipped when the caller asked for a
   * true convolution. `out` is [O, outH, outW] and is overwritten.
   */
  convForward(
    x: Float32Array,
    w: Float32Array,
    bias: Float32Array | null,
    g: ConvGeometry,
    out: Float32Array,
  ): void;

  /**
   * Gradient with respect to the padded input: dxPadded[c, y·sy + i·dy, x·sx + j·dx] += w[o,c,i,j] · gradOut[o,y,x].
   * `dxPadded` is [C, H, W] (padded size) and is overwritten (zeroed first).
   */
  convBackwardInput(gradOut: Float32Array, w: Float32Array, g: ConvGeometry, dxPadded: Float32Array): void;

  /**
   * Gradient with respect to the weights: dw[o,c,i,j] = Σ_{y,x} gradOut[o,y,x] · x[c, y·sy + i·dy, x·sx + j·dx].
   * Every position the kernel visited contributes (tied weights). `dw` is [O, C, kh, kw] and is overwritten.
   */
  convBackwardWeights(x: Float32Array, gradOut: Float32Array, g: ConvGeometry, dw: Float32Array): void;

  /**
   * Max pooling over a padded input whose padded cells hold -Infinity (so they never win).
   * `out` is [C, outH, outW]; `argmax` (same size) receives the flat index into the padded input of the
   * first maximum in each window, scanning rows top to bottom, left to right.
   */
  maxPool(x: Float32Array, g: PoolGeometry, out: Float32Array, argmax: Int32Array): void;

  /**
   * Window sums over a padded input whose padded cells hold 0. The caller divides by the number of real
   * cells per window (which depends only on position, not on data). `out` is [C, outH, outW].
   */
  sumPool(x: Float32Array, g: PoolGeometry, out: Float32Array): void;

  /**
   * out[i, j] = bias[j] + Σ_p op(A)[i, p] · op(B)[p, j]: the dense layer's product. `out` is [m, n] and
   * is overwritten; `bias` (length n) may be null.
   */
  gemm(a: Float32Array, b: Float32Array, bias: Float32Array | null, g: GemmGeometry, out: Float32Array): void;

  /**
   * Present on backends with a memory of their own (WASM): there tensors can live between ops, and the
   * public ops hand whole calls to it so that padding, packing and fused steps happen in place.
   */
  readonly device?: TensorDevice;

  /** The WASM module and heap themselves, for buffers that outlive one call (a training network's). */
  readonly native?: NativeKernels;
}

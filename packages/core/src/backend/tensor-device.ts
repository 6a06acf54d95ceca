import type { ActivationName } from '../activations';
import type { PaddingMode, Pads } from '../conv-options';
import type { Tensor } from '../tensor';
import type { ConvGeometry, GemmGeometry, PoolGeometry } from './kernels';
import type { HeapStats } from './wasm-heap';

/**
 * A backend whose memory tensors can live in (the WASM heap). The public ops validate and resolve their
 * options, then hand the whole call here: the input is padded straight into the kernel's memory (or
 * read in place when it already lives there and needs no padding), and the output stays there when the
 * input did (placement follows the input), else it is copied out once into a 'js' tensor.
 */
export interface TensorDevice {
  /** A 'wasm' copy of `t` (or `t` itself when it already lives in this device's memory). */
  upload(t: Tensor): Tensor;
  /**
   * A 'wasm' tensor of `shape` holding `parts` one after another (their lengths add up to its size): a
   * strided piece of a bigger array, e.g. a band of rows of every channel, gathered in one copy.
   */
  uploadParts(shape: readonly number[], parts: readonly Float32Array[]): Tensor;
  /** Whether `t` lives in this device's memory. */
  owns(t: Tensor): boolean;
  conv(request: ConvRequest): Tensor;
  /** dx, dw, db of a conv (its activation already folded into `gradOut`). */
  convBackward(request: ConvBackwardRequest): ConvGradientTensors;
  pool(request: PoolRequest): PoolResult;
  /** dx on the padded input grid of a max pool, from its recorded argmax (scatter-add of gradOut). */
  maxPoolBackward(argmax: ArgmaxRecord, gradOut: Tensor, paddedShape: readonly number[]): Tensor;
  gemm(a: Tensor, b: Tensor, bias: Float32Array | null, g: GemmGeometry): Tensor;
  activate(name: ActivationName, x: Tensor, alpha: number): Tensor;
  stats(): HeapStats;
}

export interface ConvRequest {
  readonly x: Tensor;
  readonly pads: Pads;
  readonly mode: PaddingMode;
  /** The padded problem, as the kernels see it. */
  readonly geometry: ConvGeometry;
  /** [O, C, kh, kw], already rotated for a true convolution. */
  readonly kernel: Float32Array;
  readonly bias: Float32Array | null;
  readonly activation: ActivationName;
  readonly alpha: number;
}

export interface ConvBackwardRequest {
  readonly x: Tensor;
  readonly pads: Pads;
  readonly mode: PaddingMode;
  readonly geometry: ConvGeometry;
  /** The weights as the kernels slide them (rotated for a true convolution). */
  readonly kernel: Float32Array;
  /** Rotate dw back into the caller's orientation. */
  readonly flip: boolean;
  readonly weightShape: readonly number[];
  /** dL/dz, [O, outH, outW], z before the activation. */
  readonly gradOut: Tensor;
}

export interface ConvGradientTensors {
  readonly dx: Tensor;
  readonly dw: Tensor;
  readonly db: Tensor;
}

export interface PoolRequest {
  readonly x: Tensor;
  readonly pads: Pads;
  readonly geometry: PoolGeometry;
  readonly kind: 'max' | 'avg';
  /** Max only: keep the argmax for the backward pass. */
  readonly recordArgmax: boolean;
  /** Avg only: what each window sum is divided by, one number for all or one per output position. */
  readonly divisor: number | Float32Array;
}

/** Where each max came from: flat indices into the padded input, in JS or in the device's memory. */
export interface ArgmaxRecord {
  readonly length: number;
  /** The indices as a JS array (copied out of the device if need be). */
  read(): Int32Array;
  dispose(): void;
}

export interface PoolResult {
  /** Window maxima, or window means. */
  readonly output: Tensor;
  readonly argmax?: ArgmaxRecord;
}

import { getKernels } from '../backend/active-kernels';
import type { ConvGeometry } from '../backend/kernels';
import { ConvGemm } from './conv-gemm';
import {
  applyRelu,
  type Layer,
  type LayerActivation,
  type LayerParams,
  NativeBuffers,
  params,
  size,
} from './layers';

/**
 * How a conv layer runs on the WASM kernels. 'gemm' (what 'auto' picks): the whole batch in the layer's
 * own WASM blocks (conv-gemm.ts): the direct loop forward and for dL/dx, im2col + gemm for dL/dW, the
 * fastest per pass on the digits network (BENCHMARKS.md, "conv loops"). 'direct': the path before, one
 * example at a time through the active kernels' convForward/convBackward* (scratch blocks per call);
 * kept for the bench's before/after. The reference kernels always run that path.
 */
export type TrainConvAlgorithm = 'auto' | 'gemm' | 'direct';

/** A conv layer with zero padding through the active kernels; ReLU fused. */
export interface ConvLayerSpec {
  readonly kind: 'conv';
  readonly id: string;
  readonly outChannels: number;
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
  /** Zero padding: top, bottom, left, right. */
  readonly pad: readonly [number, number, number, number];
  readonly activation: LayerActivation;
}

export class ConvLayer implements Layer {
  readonly id: string;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  readonly params: LayerParams;
  private readonly geometry: ConvGeometry;
  private readonly pad: ConvLayerSpec['pad'];
  private readonly padded: Float32Array;
  private readonly dwScratch: Float32Array;
  private readonly dxPadded: Float32Array;

  private readonly native: NativeBuffers<ConvGemm> | null;

  constructor(
    spec: ConvLayerSpec,
    inShape: readonly number[],
    maxBatch: number,
    algorithm: TrainConvAlgorithm = 'auto',
  ) {
    const [channels = 1, height = 1, width = 1] = inShape;
    const [kh, kw] = spec.kernel;
    const [top, bottom, left, right] = spec.pad;
    const paddedH = height + top + bottom;
    const paddedW = width + left + right;
    const outHeight = Math.floor((paddedH - kh) / spec.stride[0]) + 1;
    const outWidth = Math.floor((paddedW - kw) / spec.stride[1]) + 1;
    if (outHeight < 1 || outWidth < 1) {
      throw new RangeError(
        `conv "${spec.id}": a ${kh}×${kw} kernel does not fit its ${height}×${width} input`,
      );
    }
    this.id = spec.id;
    this.inShape = inShape;
    this.outShape = [spec.outChannels, outHeight, outWidth];
    this.pad = spec.pad;
    this.geometry = {
      channels,
      height: paddedH,
      width: paddedW,
      outChannels: spec.outChannels,
      kernelHeight: kh,
      kernelWidth: kw,
      strideY: spec.stride[0],
      strideX: spec.stride[1],
      dilationY: 1,
      dilationX: 1,
      outHeight,
      outWidth,
    };
    const fanIn = channels * kh * kw;
    this.params = params(
      spec.id,
      [spec.outChannels, channels, kh, kw],
      spec.outChannels,
      fanIn,
      spec.outChannels * kh * kw,
    );
    this.padded = new Float32Array(maxBatch * channels * paddedH * paddedW);
    this.dwScratch = new Float32Array(this.params.weights.length);
    this.dxPadded = new Float32Array(channels * paddedH * paddedW);
    this.activation = spec.activation;
    const geometry = this.geometry;
    this.native =
      algorithm === 'direct'
        ? null
        : new NativeBuffers(
            (ws) => new ConvGemm(ws, geometry, spec.pad, inShape, spec.activation === 'relu'),
          );
  }

  dispose(): void {
    this.native?.dispose();
  }

  private readonly activation: LayerActivation;

  forward(x: Float32Array, out: Float32Array, batch: number): void {
    const gemm = this.native?.get();
    if (gemm !== undefined) {
      gemm.forward(x, out, batch, this.params);
      return;
    }
    const g = this.geometry;
    const inSize = size(this.inShape);
    const paddedSize = g.channels * g.height * g.width;
    const outSize = size(this.outShape);
    const kernels = getKernels();
    for (let b = 0; b < batch; b++) {
      const padded = this.padded.subarray(b * paddedSize, (b + 1) * paddedSize);
      this.padInto(x.subarray(b * inSize, (b + 1) * inSize), padded);
      kernels.convForward(
        padded,
        this.params.weights,
        this.params.bias,
        g,
        out.subarray(b * outSize, (b + 1) * outSize),
      );
    }
    if (this.activation === 'relu') applyRelu(out, batch * outSize);
  }

  backward(
    _x: Float32Array,
    out: Float32Array,
    gradOut: Float32Array,
    gradIn: Float32Array | null,
    batch: number,
  ): void {
    const gemm = this.native?.get();
    if (gemm !== undefined) {
      gemm.backward(gradOut, gradIn, batch, this.params);
      return;
    }
    const g = this.geometry;
    const inSize = size(this.inShape);
    const paddedSize = g.channels * g.height * g.width;
    const outSize = size(this.outShape);
    const plane = g.outHeight * g.outWidth;
    const kernels = getKernels();
    const { gradWeights, gradBias, weights } = this.params;
    for (let b = 0; b < batch; b++) {
      const gradOutB = gradOut.subarray(b * outSize, (b + 1) * outSize);
      maskAndSumPlanes(out, gradOut, b * outSize, g.outChannels, plane, this.activation === 'relu', gradBias);
      const padded = this.padded.subarray(b * paddedSize, (b + 1) * paddedSize);
      kernels.convBackwardWeights(padded, gradOutB, g, this.dwScratch);
      for (let i = 0; i < gradWeights.length; i++)
        gradWeights[i] = (gradWeights[i] ?? 0) + (this.dwScratch[i] ?? 0);
      if (gradIn === null) continue;
      kernels.convBackwardInput(gradOutB, weights, g, this.dxPadded);
      this.unpadInto(this.dxPadded, gradIn.subarray(b * inSize, (b + 1) * inSize));
    }
  }

  /** Copies x into the interior of the padded buffer; the border stays zero from construction. */
  private padInto(x: Float32Array, padded: Float32Array): void {
    const [top, , left] = this.pad;
    const { channels, height: ph, width: pw } = this.geometry;
    const [, h = 1, w = 1] = this.inShape;
    if (ph === h && pw === w) {
      padded.set(x);
      return;
    }
    // Index loops, not a subarray per row: at 14-pixel rows the views cost more than the copying.
    for (let c = 0; c < channels; c++) {
      for (let y = 0; y < h; y++) {
        const from = (c * h + y) * w;
        const to = (c * ph + y + top) * pw + left;
        for (let i = 0; i < w; i++) padded[to + i] = x[from + i] ?? 0;
      }
    }
  }

  private unpadInto(padded: Float32Array, x: Float32Array): void {
    const [top, , left] = this.pad;
    const { channels, height: ph, width: pw } = this.geometry;
    const [, h = 1, w = 1] = this.inShape;
    for (let c = 0; c < channels; c++) {
      for (let y = 0; y < h; y++) {
        const from = (c * ph + y + top) * pw + left;
        const to = (c * h + y) * w;
        for (let i = 0; i < w; i++) x[to + i] = padded[from + i] ?? 0;
      }
    }
  }
}

/**
 * One example's ReLU mask (zero the gradient where the output was not positive) and bias gradient
 * (the sum of each plane of the masked gradient), in one pass over its output planes from `at`.
 */
function maskAndSumPlanes(
  out: Float32Array,
  grad: Float32Array,
  at: number,
  planes: number,
  plane: number,
  relu: boolean,
  gradBias: Float32Array,
): void {
  for (let o = 0; o < planes; o++) {
    let sum = 0;
    const end = at + (o + 1) * plane;
    for (let p = at + o * plane; p < end; p++) {
      if (relu && (out[p] ?? 0) <= 0) grad[p] = 0;
      sum += grad[p] ?? 0;
    }
    gradBias[o] = (gradBias[o] ?? 0) + sum;
  }
}

import { getKernels } from '../backend/active-kernels';
import type { ConvGeometry, PoolGeometry } from '../backend/kernels';
import { denseBackward, denseForward } from './dense';

/**
 * The layers of a trainable network, on batches in flat buffers that are allocated once for the largest
 * batch and reused at every step. Conv and pool run one example at a time through the active compute
 * kernels (WASM SIMD after `ready()`, else the reference loops); dense runs the whole batch.
 * ReLU is fused into conv and dense: the backward pass masks the gradient where the output was zero.
 */
export type LayerActivation = 'relu' | 'none';

export interface LayerParams {
  readonly layerId: string;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  readonly gradWeights: Float32Array;
  readonly gradBias: Float32Array;
  /** Shape of `weights`: [O, C, kh, kw] for conv, [units, inputs] for dense. */
  readonly shape: readonly number[];
  readonly fanIn: number;
  readonly fanOut: number;
}

export interface Layer {
  readonly id: string;
  /** Per-example shapes: [C, H, W] for maps, [n] after flatten or dense. */
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  readonly params?: LayerParams;
  forward(x: Float32Array, out: Float32Array, batch: number): void;
  /** Adds parameter gradients; writes dL/dx into `gradIn` unless it is null (the first layer). */
  backward(
    x: Float32Array,
    out: Float32Array,
    gradOut: Float32Array,
    gradIn: Float32Array | null,
    batch: number,
  ): void;
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

function params(
  layerId: string,
  shape: readonly number[],
  outputs: number,
  fanIn: number,
  fanOut: number,
): LayerParams {
  const n = size(shape);
  return {
    layerId,
    weights: new Float32Array(n),
    bias: new Float32Array(outputs),
    gradWeights: new Float32Array(n),
    gradBias: new Float32Array(outputs),
    shape,
    fanIn,
    fanOut,
  };
}

function maskRelu(out: Float32Array, grad: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) if ((out[i] as number) <= 0) grad[i] = 0;
}

function applyRelu(out: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) if ((out[i] as number) < 0) out[i] = 0;
}

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

  constructor(spec: ConvLayerSpec, inShape: readonly number[], maxBatch: number) {
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
  }

  private readonly activation: LayerActivation;

  forward(x: Float32Array, out: Float32Array, batch: number): void {
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
    const g = this.geometry;
    const inSize = size(this.inShape);
    const paddedSize = g.channels * g.height * g.width;
    const outSize = size(this.outShape);
    const plane = g.outHeight * g.outWidth;
    const kernels = getKernels();
    if (this.activation === 'relu') maskRelu(out, gradOut, batch * outSize);
    const { gradWeights, gradBias, weights } = this.params;
    for (let b = 0; b < batch; b++) {
      const gradOutB = gradOut.subarray(b * outSize, (b + 1) * outSize);
      const padded = this.padded.subarray(b * paddedSize, (b + 1) * paddedSize);
      kernels.convBackwardWeights(padded, gradOutB, g, this.dwScratch);
      for (let i = 0; i < gradWeights.length; i++)
        gradWeights[i] = (gradWeights[i] as number) + (this.dwScratch[i] as number);
      for (let o = 0; o < g.outChannels; o++) {
        let sum = 0;
        for (let p = o * plane; p < (o + 1) * plane; p++) sum += gradOutB[p] as number;
        gradBias[o] = (gradBias[o] as number) + sum;
      }
      if (gradIn === null) continue;
      kernels.convBackwardInput(gradOutB, weights, g, this.dxPadded);
      this.unpadInto(this.dxPadded, gradIn.subarray(b * inSize, (b + 1) * inSize));
    }
  }

  private padInto(x: Float32Array, padded: Float32Array): void {
    const [top, , left] = this.pad;
    const { channels, height: ph, width: pw } = this.geometry;
    const [, h = 1, w = 1] = this.inShape;
    if (ph === h && pw === w) {
      padded.set(x);
      return;
    }
    for (let c = 0; c < channels; c++) {
      for (let y = 0; y < h; y++) {
        const from = (c * h + y) * w;
        padded.set(x.subarray(from, from + w), (c * ph + y + top) * pw + left);
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
        x.set(padded.subarray(from, from + w), (c * h + y) * w);
      }
    }
  }
}

export interface PoolLayerSpec {
  readonly kind: 'pool';
  readonly id: string;
  readonly size: readonly [number, number];
  readonly stride: readonly [number, number];
}

/** Max pooling without padding; the argmax of each window routes the gradient back. */
export class MaxPoolLayer implements Layer {
  readonly id: string;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  private readonly geometry: PoolGeometry;
  private readonly argmax: Int32Array;

  constructor(spec: PoolLayerSpec, inShape: readonly number[], maxBatch: number) {
    const [channels = 1, height = 1, width = 1] = inShape;
    const outHeight = Math.floor((height - spec.size[0]) / spec.stride[0]) + 1;
    const outWidth = Math.floor((width - spec.size[1]) / spec.stride[1]) + 1;
    if (outHeight < 1 || outWidth < 1) {
      throw new RangeError(
        `pool "${spec.id}": a ${spec.size[0]}×${spec.size[1]} window does not fit its ${height}×${width} input`,
      );
    }
    this.id = spec.id;
    this.inShape = inShape;
    this.outShape = [channels, outHeight, outWidth];
    this.geometry = {
      channels,
      height,
      width,
      sizeY: spec.size[0],
      sizeX: spec.size[1],
      strideY: spec.stride[0],
      strideX: spec.stride[1],
      outHeight,
      outWidth,
    };
    this.argmax = new Int32Array(maxBatch * size(this.outShape));
  }

  forward(x: Float32Array, out: Float32Array, batch: number): void {
    const inSize = size(this.inShape);
    const outSize = size(this.outShape);
    const kernels = getKernels();
    for (let b = 0; b < batch; b++) {
      kernels.maxPool(
        x.subarray(b * inSize, (b + 1) * inSize),
        this.geometry,
        out.subarray(b * outSize, (b + 1) * outSize),
        this.argmax.subarray(b * outSize, (b + 1) * outSize),
      );
    }
  }

  backward(
    _x: Float32Array,
    _out: Float32Array,
    gradOut: Float32Array,
    gradIn: Float32Array | null,
    batch: number,
  ): void {
    if (gradIn === null) return;
    const inSize = size(this.inShape);
    const outSize = size(this.outShape);
    gradIn.fill(0, 0, batch * inSize);
    for (let b = 0; b < batch; b++) {
      const base = b * inSize;
      for (let i = b * outSize; i < (b + 1) * outSize; i++) {
        const to = base + (this.argmax[i] as number);
        gradIn[to] = (gradIn[to] as number) + (gradOut[i] as number);
      }
    }
  }
}

export interface FlattenLayerSpec {
  readonly kind: 'flatten';
  readonly id: string;
}

/** [C, H, W] → [C·H·W] in row-major order; the data does not move. */
export class FlattenLayer implements Layer {
  readonly id: string;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  constructor(spec: FlattenLayerSpec, inShape: readonly number[]) {
    this.id = spec.id;
    this.inShape = inShape;
    this.outShape = [size(inShape)];
  }
  forward(x: Float32Array, out: Float32Array, batch: number): void {
    out.set(x.subarray(0, batch * size(this.inShape)));
  }
  backward(
    _x: Float32Array,
    _out: Float32Array,
    gradOut: Float32Array,
    gradIn: Float32Array | null,
    batch: number,
  ): void {
    gradIn?.set(gradOut.subarray(0, batch * size(this.inShape)));
  }
}

export interface DenseLayerSpec {
  readonly kind: 'dense';
  readonly id: string;
  readonly units: number;
  readonly activation: LayerActivation;
}

export class DenseLayer implements Layer {
  readonly id: string;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  readonly params: LayerParams;
  private readonly activation: LayerActivation;

  constructor(spec: DenseLayerSpec, inShape: readonly number[]) {
    const inputs = size(inShape);
    this.id = spec.id;
    this.inShape = [inputs];
    this.outShape = [spec.units];
    this.activation = spec.activation;
    this.params = params(spec.id, [spec.units, inputs], spec.units, inputs, spec.units);
  }

  forward(x: Float32Array, out: Float32Array, batch: number): void {
    const p = this.params;
    denseForward(x, p.weights, p.bias, batch, this.inShape[0] as number, this.outShape[0] as number, out);
    if (this.activation === 'relu') applyRelu(out, batch * (this.outShape[0] as number));
  }

  backward(
    x: Float32Array,
    out: Float32Array,
    gradOut: Float32Array,
    gradIn: Float32Array | null,
    batch: number,
  ): void {
    const units = this.outShape[0] as number;
    if (this.activation === 'relu') maskRelu(out, gradOut, batch * units);
    const p = this.params;
    denseBackward(
      x,
      p.weights,
      gradOut,
      batch,
      this.inShape[0] as number,
      units,
      p.gradWeights,
      p.gradBias,
      gradIn,
    );
  }
}

export type LayerSpec = ConvLayerSpec | PoolLayerSpec | FlattenLayerSpec | DenseLayerSpec;

import { denseBackward, denseForward } from './dense';
import {
  applyRelu,
  type Layer,
  type LayerActivation,
  type LayerParams,
  maskRelu,
  params,
  size,
} from './layers';

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

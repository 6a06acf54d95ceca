import { getKernels } from '../backend/active-kernels';
import { NativeDense } from './dense-native';
import {
  applyRelu,
  type Layer,
  type LayerActivation,
  type LayerParams,
  maskRelu,
  NativeBuffers,
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
  private readonly dwScratch: Float32Array;
  private readonly native: NativeBuffers<NativeDense>;

  constructor(spec: DenseLayerSpec, inShape: readonly number[], maxBatch = 1) {
    const inputs = size(inShape);
    this.id = spec.id;
    this.inShape = [inputs];
    this.outShape = [spec.units];
    this.activation = spec.activation;
    this.params = params(spec.id, [spec.units, inputs], spec.units, inputs, spec.units);
    this.dwScratch = new Float32Array(spec.units * inputs);
    this.native = new NativeBuffers((ws) => new NativeDense(ws, inputs, spec.units, maxBatch));
  }

  dispose(): void {
    this.native.dispose();
  }

  forward(x: Float32Array, out: Float32Array, batch: number): void {
    const p = this.params;
    const inputs = this.inShape[0] as number;
    const units = this.outShape[0] as number;
    const native = this.native.get();
    if (native !== undefined) {
      native.forward(x, out, batch, p);
      if (this.activation === 'relu') applyRelu(out, batch * units);
      return;
    }
    // out = x · wᵀ + bias on the active gemm (the SIMD tile after ready()); dense.ts is the readable oracle.
    getKernels().gemm(
      x.subarray(0, batch * inputs),
      p.weights,
      p.bias,
      { m: batch, k: inputs, n: units, transposeA: false, transposeB: true },
      out.subarray(0, batch * units),
    );
    if (this.activation === 'relu') applyRelu(out, batch * units);
  }

  backward(
    x: Float32Array,
    out: Float32Array,
    gradOut: Float32Array,
    gradIn: Float32Array | null,
    batch: number,
  ): void {
    const inputs = this.inShape[0] as number;
    const units = this.outShape[0] as number;
    if (this.activation === 'relu') maskRelu(out, gradOut, batch * units);
    const p = this.params;
    for (let b = 0; b < batch; b++) {
      for (let u = 0; u < units; u++)
        p.gradBias[u] = (p.gradBias[u] as number) + (gradOut[b * units + u] as number);
    }
    const native = this.native.get();
    if (native !== undefined) {
      native.backward(gradOut, gradIn, batch, p);
      return;
    }
    const kernels = getKernels();
    const dy = gradOut.subarray(0, batch * units);
    // dw += dyᵀ · x: the batch is the inner (summed) dimension, so one product covers every example.
    kernels.gemm(
      dy,
      x.subarray(0, batch * inputs),
      null,
      { m: units, k: batch, n: inputs, transposeA: true, transposeB: false },
      this.dwScratch,
    );
    addInto(p.gradWeights, this.dwScratch);
    if (gradIn === null) return;
    kernels.gemm(
      dy,
      p.weights,
      null,
      { m: batch, k: units, n: inputs, transposeA: false, transposeB: false },
      gradIn.subarray(0, batch * inputs),
    );
  }
}

function addInto(target: Float32Array, values: Float32Array): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) + (values[i] as number);
}

import { getKernels } from '../backend/active-kernels';
import type { PoolGeometry } from '../backend/kernels';
import { type Layer, NativeBuffers, size } from './layers';
import { NativeMaxPool } from './pool-native';

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
  /** The argmax of the last forward pass, by batch size (views, so a step makes none). */
  private readonly argmaxViews = new Map<number, Int32Array>();
  private readonly native: NativeBuffers<NativeMaxPool>;
  private readonly batchGeometry = new Map<number, PoolGeometry>();

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
    const geometry = this.geometry;
    this.native = new NativeBuffers((ws) => new NativeMaxPool(ws, geometry, maxBatch));
  }

  dispose(): void {
    this.native.dispose();
  }

  forward(x: Float32Array, out: Float32Array, batch: number): void {
    const argmax = this.argmaxOf(batch);
    const native = this.native.get();
    if (native !== undefined) {
      native.forward(x, out, argmax, batch);
      return;
    }
    // Windows never cross a channel plane, so the whole batch is one call over batch × C planes; the
    // argmax then indexes the batch buffer directly.
    const inSize = size(this.inShape);
    const outSize = size(this.outShape);
    getKernels().maxPool(
      x.subarray(0, batch * inSize),
      this.geometryOf(batch),
      out.subarray(0, batch * outSize),
      argmax,
    );
  }

  private argmaxOf(batch: number): Int32Array {
    let view = this.argmaxViews.get(batch);
    if (view === undefined) {
      view = this.argmax.subarray(0, batch * size(this.outShape));
      this.argmaxViews.set(batch, view);
    }
    return view;
  }

  private geometryOf(batch: number): PoolGeometry {
    let g = this.batchGeometry.get(batch);
    if (g === undefined) {
      g = { ...this.geometry, channels: this.geometry.channels * batch };
      this.batchGeometry.set(batch, g);
    }
    return g;
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
    for (let i = 0; i < batch * outSize; i++) {
      const to = this.argmax[i] ?? 0;
      gradIn[to] = (gradIn[to] ?? 0) + (gradOut[i] ?? 0);
    }
  }
}

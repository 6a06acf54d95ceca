import { getKernels } from '../backend/active-kernels';
import { WasmWorkspace } from '../backend/wasm-workspace';
import type { ConvLayerSpec } from './conv-layer';
import type { DenseLayerSpec, FlattenLayerSpec } from './dense-layer';
import type { PoolLayerSpec } from './pool-layer';

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
  /** Gives back the WASM memory the layer holds (if any); the layer may be used again after. */
  dispose?(): void;
  /** Adds parameter gradients; writes dL/dx into `gradIn` unless it is null (the first layer). */
  backward(
    x: Float32Array,
    out: Float32Array,
    gradOut: Float32Array,
    gradIn: Float32Array | null,
    batch: number,
  ): void;
}

export const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export function params(
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

export function maskRelu(out: Float32Array, grad: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) if ((out[i] ?? 0) <= 0) grad[i] = 0;
}

export function applyRelu(out: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) if ((out[i] ?? 0) < 0) out[i] = 0;
}

export type LayerSpec = ConvLayerSpec | PoolLayerSpec | FlattenLayerSpec | DenseLayerSpec;

/**
 * A layer's WASM-side engine and its workspace, made on first use once the WASM kernels are active (a
 * network may be built before `ready()`), remade if the kernels change, undefined on the reference
 * kernels. Everything it allocates lives as long as the layer, so training steps allocate nothing.
 */
export class NativeBuffers<T> {
  private readonly make: (ws: WasmWorkspace) => T;
  private made: { readonly heap: unknown; readonly ws: WasmWorkspace; readonly engine: T } | undefined;

  constructor(make: (ws: WasmWorkspace) => T) {
    this.make = make;
  }

  get(): T | undefined {
    const native = getKernels().native;
    if (native === undefined) return undefined;
    if (this.made?.heap !== native.heap) {
      this.dispose();
      const ws = new WasmWorkspace(native);
      this.made = { heap: native.heap, ws, engine: this.make(ws) };
    }
    return this.made.engine;
  }

  dispose(): void {
    this.made?.ws.dispose();
    this.made = undefined;
  }
}

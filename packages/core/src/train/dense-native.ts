import type { WasmWorkspace } from '../backend/wasm-workspace';
import type { LayerParams } from './layers';
import { copyInto, roundUp8 } from './native-steps';

/**
 * A dense layer's three products on the WASM gemm tile, in the layer's own blocks (the same products as
 * dense-layer.ts's calls through the kernels, which take scratch blocks per call):
 *   out = x · Wᵀ + bias,   dW += dyᵀ · x,   dx = dy · W.
 */
export class NativeDense {
  readonly #ws: WasmWorkspace;
  readonly #inputs: number;
  readonly #units: number;

  constructor(ws: WasmWorkspace, inputs: number, units: number, maxBatch: number) {
    this.#ws = ws;
    this.#inputs = inputs;
    this.#units = units;
    const unitStride = roundUp8(units);
    const inputStride = roundUp8(inputs);
    ws.reserve('x', maxBatch * inputs);
    ws.reserve('w', units * inputs);
    ws.reserve('wt', inputs * unitStride);
    ws.reserve('bias', unitStride);
    ws.reserve('out', maxBatch * units);
    ws.reserve('dy', maxBatch * units);
    ws.reserve('dyt', units * maxBatch);
    ws.reserve('xPacked', maxBatch * inputStride);
    ws.reserve('wPacked', units * inputStride);
    ws.reserve('dw', units * inputs);
    ws.reserve('dx', maxBatch * inputs);
  }

  forward(x: Float32Array, out: Float32Array, batch: number, params: LayerParams): void {
    const ws = this.#ws;
    const { wasm } = ws;
    const units = this.#units;
    const stride = roundUp8(units);
    // Grow-only: a no-op once the blocks hold the largest batch (the constructor's).
    ws.reserve('x', batch * this.#inputs);
    ws.reserve('out', batch * units);
    copyInto(ws.floats('x', batch * this.#inputs), x);
    ws.floats('w', params.weights.length).set(params.weights);
    const bias = ws.floats('bias', stride);
    bias.fill(0);
    bias.set(params.bias);
    wasm.transposePack(ws.address('w'), ws.address('wt'), units, this.#inputs, stride);
    wasm.gemm(
      ws.address('x'),
      ws.address('wt'),
      ws.address('bias'),
      ws.address('out'),
      batch,
      this.#inputs,
      units,
      stride,
    );
    out.set(ws.floats('out', batch * units));
  }

  /** dy is the gradient after the activation mask; the input is the one of the last forward pass. */
  backward(dy: Float32Array, gradIn: Float32Array | null, batch: number, params: LayerParams): void {
    const ws = this.#ws;
    const { wasm } = ws;
    const units = this.#units;
    const inputs = this.#inputs;
    const inputStride = roundUp8(inputs);
    ws.reserve('dy', batch * units);
    ws.reserve('dyt', units * batch);
    ws.reserve('xPacked', batch * inputStride);
    ws.reserve('dx', batch * inputs);
    copyInto(ws.floats('dy', batch * units), dy);
    wasm.transposePack(ws.address('dy'), ws.address('dyt'), batch, units, batch);
    wasm.packColumns(ws.address('x'), ws.address('xPacked'), batch, inputs, inputStride);
    wasm.gemm(
      ws.address('dyt'),
      ws.address('xPacked'),
      0,
      ws.address('dw'),
      units,
      batch,
      inputs,
      inputStride,
    );
    const dw = ws.floats('dw', units * inputs);
    const gradWeights = params.gradWeights;
    for (let i = 0; i < gradWeights.length; i++)
      gradWeights[i] = (gradWeights[i] as number) + (dw[i] as number);
    if (gradIn === null) return;
    wasm.packColumns(ws.address('w'), ws.address('wPacked'), units, inputs, inputStride);
    wasm.gemm(
      ws.address('dy'),
      ws.address('wPacked'),
      0,
      ws.address('dx'),
      batch,
      units,
      inputs,
      inputStride,
    );
    gradIn.set(ws.floats('dx', batch * inputs));
  }
}

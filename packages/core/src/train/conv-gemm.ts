import type { ConvGeometry } from '../backend/kernels';
import type { WasmWorkspace } from '../backend/wasm-workspace';
import { DirectInputGradient } from './conv-input-gradient';
import type { LayerParams } from './layers';
import { addTransposed, allFinite, copyInto, directForward, roundUp8 } from './native-steps';

/**
 * The largest column matrix made at once (16 MB of floats): a batch whose K × positions would exceed it
 * goes through the products a few examples at a time, so wide layers and big batches stay in memory.
 */
export const COLUMN_FLOATS = 2 ** 22;

/**
 * A conv layer's whole batch on the WASM kernels, every block in the layer's workspace (each grows to
 * the largest batch seen, then is reused). Per pass, the loop that measured faster on the digits network
 * (BENCHMARKS.md, "conv loops"):
 * - forward: the direct kernel (conv-forward.ts, bias and relu fused), example by example straight on
 *   the padded batch; or, with `forwardLoop` 'gemm', out[O, NP] = W[O, K] · cols[K, NP];
 * - weights: dWᵀ[K, O] = cols[K, NP] · Gᵀ[NP, O] on the gemm tile, where the examples fill the SIMD
 *   lanes next to the output positions (K = C·kh·kw, NP = examples × output positions, cols = im2col of
 *   the padded examples, G the masked output gradient);
 * - input: the direct kernel on the padded gradient with the kernels turned (conv-input-gradient.ts);
 *   where that does not fit (strides, wide padding, non-finite weights) dcols[K, NP] = Wᵀ[K, O] · G[O, NP],
 *   then col2im and the padding cropped off.
 * The backward pass reads the padded input and the output of the last forward pass.
 */
export interface ConvGemmOptions {
  readonly forwardLoop?: 'direct' | 'gemm';
  /** How dL/dx is computed: 'direct' (conv-input-gradient.ts, where it fits) or 'gemm' + col2im. */
  readonly inputGradient?: 'direct' | 'gemm';
  /** The column matrix's cap (tests use small ones to cut a batch into several products). */
  readonly columnFloats?: number | undefined;
}

export class ConvGemm {
  readonly #ws: WasmWorkspace;
  readonly #g: ConvGeometry;
  readonly #pad: readonly [number, number, number, number];
  readonly #inSize: number;
  readonly #plane: number;
  readonly #outSize: number;
  readonly #taps: number;
  readonly #relu: boolean;
  readonly #forwardLoop: 'direct' | 'gemm';
  readonly #planeWidth: number;
  readonly #directDx: DirectInputGradient | null;
  /** Examples per column matrix (COLUMN_FLOATS). */
  readonly #chunk: number;
  /** im2col's and col2im's geometry arguments after the example count (the same every call). */
  readonly #layout: [number, number, number, number, number, number, number, number, number, number, number];

  constructor(
    ws: WasmWorkspace,
    g: ConvGeometry,
    pad: readonly [number, number, number, number],
    inShape: readonly number[],
    relu: boolean,
    options: ConvGemmOptions = {},
  ) {
    this.#ws = ws;
    this.#g = g;
    this.#pad = pad;
    this.#inSize = inShape.reduce((a, b) => a * b, 1);
    this.#plane = g.outHeight * g.outWidth;
    this.#outSize = g.outChannels * this.#plane;
    this.#taps = g.channels * g.kernelHeight * g.kernelWidth;
    this.#relu = relu;
    this.#forwardLoop = options.forwardLoop ?? 'direct';
    this.#planeWidth = Math.ceil(g.width / g.strideX);
    this.#chunk = Math.max(
      1,
      Math.floor((options.columnFloats ?? COLUMN_FLOATS) / (this.#taps * this.#plane)),
    );
    const { channels, height, width, kernelHeight, kernelWidth, strideY, strideX, dilationY, dilationX } = g;
    this.#layout = [
      channels,
      height,
      width,
      kernelHeight,
      kernelWidth,
      strideY,
      strideX,
      dilationY,
      dilationX,
      g.outHeight,
      g.outWidth,
    ];
    for (const name of ['w', 'wt', 'packed']) ws.reserve(name, g.outChannels * this.#taps);
    for (const name of ['bias', 'db']) ws.reserve(name, g.outChannels);
    ws.reserve('dwt', this.#taps * g.outChannels);
    ws.reserve('taps', this.#taps);
    const directDx = (options.inputGradient ?? 'direct') === 'direct' && DirectInputGradient.fits(g, pad);
    this.#directDx = directDx ? new DirectInputGradient(ws, g, pad) : null;
    // The direct loop's tap offsets depend on the geometry alone: written once.
    ws.wasm.writeTapOffsets(
      ws.address('taps'),
      channels,
      height,
      kernelHeight,
      kernelWidth,
      dilationY,
      dilationX,
      strideX,
      this.#planeWidth,
    );
  }

  /** out [batch, O, outH, outW] = act(conv(x) + bias) for x [batch, C, H, W]. */
  forward(x: Float32Array, out: Float32Array, batch: number, params: LayerParams): void {
    const ws = this.#ws;
    const g = this.#g;
    this.#reserve(batch, 'forward', false);
    copyInto(ws.floats('x', batch * this.#inSize), x);
    ws.floats('w', params.weights.length).set(params.weights);
    ws.floats('bias', params.bias.length).set(params.bias);
    const [top, bottom, left, right] = this.#pad;
    ws.wasm.padConstant(
      ws.address('x'),
      ws.address('padded'),
      batch * g.channels,
      g.height - top - bottom,
      g.width - left - right,
      top,
      bottom,
      left,
      right,
      0,
    );
    if (this.#forwardLoop === 'direct') directForward(ws, g, batch, this.#planeWidth, this.#relu);
    else
      for (let from = 0; from < batch; from += this.#chunk)
        this.#forwardGemm(from, Math.min(this.#chunk, batch - from));
    out.set(ws.floats('out', batch * this.#outSize));
  }

  /** Adds dL/dW and dL/db into params; writes dL/dx into gradIn unless it is null. */
  backward(gradOut: Float32Array, gradIn: Float32Array | null, batch: number, params: LayerParams): void {
    const ws = this.#ws;
    const g = this.#g;
    // A NaN or ±∞ weight times the gradient's zero padding would reach cells the reference leaves
    // alone (0·∞ is NaN), so such weights take the gemm path, which drops the padding's products.
    const directDx = this.#directDx !== null && allFinite(params.weights) ? this.#directDx : null;
    const gemmDx = gradIn !== null && directDx === null;
    this.#reserve(batch, 'backward', gemmDx);
    copyInto(ws.floats('grad', batch * this.#outSize), gradOut);
    if (gemmDx)
      ws.wasm.transposePack(ws.address('w'), ws.address('wt'), g.outChannels, this.#taps, g.outChannels);
    for (let from = 0; from < batch; from += this.#chunk) {
      this.#backwardChunk(from, Math.min(this.#chunk, batch - from), params, gemmDx);
    }
    if (gradIn === null) return;
    if (directDx !== null) {
      directDx.run(batch, params.weights);
    } else {
      const [top, bottom, left, right] = this.#pad;
      ws.wasm.cropPadded(
        ws.address('dxPadded'),
        ws.address('dx'),
        batch * g.channels,
        g.height,
        g.width,
        top,
        left,
        g.height - top - bottom,
        g.width - left - right,
      );
    }
    gradIn.set(ws.floats('dx', batch * this.#inSize));
  }

  /**
   * Blocks that scale with the batch, for the loops a pass will run; each grows to the largest batch
   * seen and is then reused (no allocation after the first step of each size).
   */
  #reserve(batch: number, pass: 'forward' | 'backward', gemmDx: boolean): void {
    const ws = this.#ws;
    const g = this.#g;
    const columns = roundUp8(Math.min(batch, this.#chunk) * this.#plane);
    const gemm = pass === 'backward' || this.#forwardLoop === 'gemm';
    if (gemm) ws.reserve('cols', this.#taps * columns);
    if (pass === 'forward') {
      ws.reserve('x', batch * this.#inSize);
      ws.reserve('padded', batch * g.channels * g.height * g.width);
      ws.reserve('out', batch * this.#outSize);
      if (g.strideX > 1) ws.reserve('planes', batch * g.channels * g.height * g.strideX * this.#planeWidth);
      if (gemm) ws.reserve('product', g.outChannels * columns);
      return;
    }
    ws.reserve('grad', batch * this.#outSize);
    ws.reserve('gradColumns', columns * roundUp8(g.outChannels));
    ws.reserve('dx', batch * this.#inSize);
    if (!gemmDx) return;
    ws.reserve('gradRows', g.outChannels * columns);
    ws.reserve('dcols', this.#taps * columns);
    ws.reserve('dxPadded', batch * g.channels * g.height * g.width);
  }

  /** im2col of `count` padded examples from `from` into `cols`; returns its row length. */
  #columns(from: number, count: number): number {
    const ws = this.#ws;
    const g = this.#g;
    const stride = roundUp8(count * this.#plane);
    const padded = ws.address('padded') + from * g.channels * g.height * g.width * 4;
    ws.wasm.im2col(padded, ws.address('cols'), count, ...this.#layout, stride);
    return stride;
  }

  #forwardGemm(from: number, count: number): void {
    const ws = this.#ws;
    const g = this.#g;
    const used = count * this.#plane;
    const stride = this.#columns(from, count);
    ws.wasm.gemm(
      ws.address('w'),
      ws.address('cols'),
      0,
      ws.address('product'),
      g.outChannels,
      this.#taps,
      used,
      stride,
    );
    const out = ws.address('out') + from * this.#outSize * 4;
    ws.wasm.rowsToBatch(
      ws.address('product'),
      out,
      ws.address('bias'),
      g.outChannels,
      count,
      this.#plane,
      used,
      this.#relu ? 1 : 0,
    );
  }

  /** dW, db (added into params) and, when asked, the padded dx of examples [from, from + count). */
  #backwardChunk(from: number, count: number, params: LayerParams, withDx: boolean): void {
    const ws = this.#ws;
    const { wasm } = ws;
    const g = this.#g;
    const used = count * this.#plane;
    const stride = this.#columns(from, count);
    const kernelStride = roundUp8(g.outChannels);
    const at = from * this.#outSize * 4;
    const gradRows = withDx ? ws.address('gradRows') : 0;
    wasm.gradientLayouts(
      ws.address('grad') + at,
      ws.address('out') + at,
      this.#relu ? 1 : 0,
      g.outChannels,
      count,
      this.#plane,
      gradRows,
      stride,
      ws.address('gradColumns'),
      stride,
      kernelStride,
      ws.address('db'),
    );
    wasm.gemm(
      ws.address('cols'),
      ws.address('gradColumns'),
      0,
      ws.address('dwt'),
      this.#taps,
      stride,
      g.outChannels,
      kernelStride,
    );
    addTransposed(
      params.gradWeights,
      ws.floats('dwt', this.#taps * g.outChannels),
      this.#taps,
      g.outChannels,
    );
    const db = ws.floats('db', g.outChannels);
    for (let o = 0; o < g.outChannels; o++)
      params.gradBias[o] = (params.gradBias[o] as number) + (db[o] as number);
    if (!withDx) return;
    wasm.gemm(ws.address('wt'), gradRows, 0, ws.address('dcols'), this.#taps, g.outChannels, used, stride);
    const dxPadded = ws.address('dxPadded') + from * g.channels * g.height * g.width * 4;
    wasm.col2im(ws.address('dcols'), dxPadded, count, ...this.#layout, used);
  }
}

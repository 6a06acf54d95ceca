import type { ConvGeometry } from '../backend/kernels';
import type { WasmWorkspace } from '../backend/wasm-workspace';
import type { LayerParams } from './layers';

/** Rounds up to the gemm's packing unit: rows of B are a multiple of eight floats. */
export const roundUp8 = (n: number): number => Math.max(8, Math.ceil(n / 8) * 8);

/**
 * A conv layer's whole batch on the WASM kernels, every block in the layer's workspace (sized once for
 * the largest batch). The backward pass is two matrix products on the gemm tile (K = C·kh·kw, NP =
 * batch × output positions, O kernels, cols = im2col of the padded batch, G the masked output gradient):
 *   weights  dWᵀ[K, O]    = cols[K, NP] · Gᵀ[NP, O]
 *   input    dcols[K, NP] = Wᵀ[K, O] · G[O, NP]          (then col2im, and the padding cropped off)
 * where the batch fills the SIMD lanes next to the output positions. The forward pass runs the direct
 * kernel (conv-forward.ts, bias and relu fused) example by example straight on the padded batch, or, with
 * `forwardLoop` 'gemm', out[O, NP] = W[O, K] · cols[K, NP]. On the digits network direct measured faster
 * forward and gemm 1.9–2.9× faster backward (BENCHMARKS.md, "conv loops"); conv-layer.ts picks so.
 * The backward pass reads the padded input and output of the last forward pass.
 */
export class ConvGemm {
  readonly #ws: WasmWorkspace;
  readonly #g: ConvGeometry;
  readonly #pad: readonly [number, number, number, number];
  readonly #inSize: number;
  readonly #outSize: number;
  readonly #taps: number;
  readonly #relu: boolean;
  readonly #forwardLoop: 'direct' | 'gemm';
  readonly #planeWidth: number;
  /** Whether `cols` holds the im2col of the last forward pass's input. */
  #columnsReady = false;
  /** im2col's and col2im's geometry arguments after the batch (the same every call). */
  readonly #layout: [number, number, number, number, number, number, number, number, number, number, number];

  constructor(
    ws: WasmWorkspace,
    g: ConvGeometry,
    pad: readonly [number, number, number, number],
    inShape: readonly number[],
    relu: boolean,
    maxBatch: number,
    forwardLoop: 'direct' | 'gemm' = 'direct',
  ) {
    this.#ws = ws;
    this.#g = g;
    this.#pad = pad;
    this.#inSize = inShape.reduce((a, b) => a * b, 1);
    this.#plane = g.outHeight * g.outWidth;
    this.#outSize = g.outChannels * this.#plane;
    this.#taps = g.channels * g.kernelHeight * g.kernelWidth;
    this.#relu = relu;
    this.#forwardLoop = forwardLoop;
    this.#planeWidth = Math.ceil(g.width / g.strideX);
    this.#layout = [
      g.channels,
      g.height,
      g.width,
      g.kernelHeight,
      g.kernelWidth,
      g.strideY,
      g.strideX,
      g.dilationY,
      g.dilationX,
      g.outHeight,
      g.outWidth,
    ];
    const columns = roundUp8(maxBatch * this.#plane);
    const padded = maxBatch * g.channels * g.height * g.width;
    ws.reserve('x', maxBatch * this.#inSize);
    ws.reserve('padded', padded);
    ws.reserve('cols', this.#taps * columns);
    ws.reserve('w', g.outChannels * this.#taps);
    ws.reserve('wt', g.outChannels * this.#taps);
    ws.reserve('bias', g.outChannels);
    ws.reserve('product', g.outChannels * columns);
    ws.reserve('out', maxBatch * this.#outSize);
    ws.reserve('grad', maxBatch * this.#outSize);
    ws.reserve('gradRows', g.outChannels * columns);
    ws.reserve('gradColumns', columns * roundUp8(g.outChannels));
    ws.reserve('dwt', this.#taps * g.outChannels);
    ws.reserve('db', g.outChannels);
    ws.reserve('dcols', this.#taps * columns);
    ws.reserve('dxPadded', padded);
    ws.reserve('dx', maxBatch * this.#inSize);
    ws.reserve(
      'planes',
      g.strideX === 1 ? 0 : maxBatch * g.channels * g.height * g.strideX * this.#planeWidth,
    );
    ws.reserve('taps', this.#taps);
    ws.reserve('packed', g.outChannels * this.#taps);
    // The direct loop's tap offsets depend on the geometry alone: written once.
    ws.wasm.writeTapOffsets(
      ws.address('taps'),
      g.channels,
      g.height,
      g.kernelHeight,
      g.kernelWidth,
      g.dilationY,
      g.dilationX,
      g.strideX,
      this.#planeWidth,
    );
  }

  readonly #plane: number;

  /** out [batch, O, outH, outW] = act(conv(x) + bias) for x [batch, C, H, W] (each may be longer). */
  forward(x: Float32Array, out: Float32Array, batch: number, params: LayerParams): void {
    const ws = this.#ws;
    const { wasm } = ws;
    const g = this.#g;
    const [top, bottom, left, right] = this.#pad;
    const inHeight = g.height - top - bottom;
    const inWidth = g.width - left - right;
    copyInto(ws.floats('x', batch * this.#inSize), x);
    ws.floats('w', params.weights.length).set(params.weights);
    ws.floats('bias', params.bias.length).set(params.bias);
    const planes = batch * g.channels;
    wasm.padConstant(
      ws.address('x'),
      ws.address('padded'),
      planes,
      inHeight,
      inWidth,
      top,
      bottom,
      left,
      right,
      0,
    );
    this.#columnsReady = false;
    if (this.#forwardLoop === 'direct') {
      this.#forwardDirect(batch);
    } else {
      const used = batch * this.#plane;
      this.#columns(batch);
      wasm.gemm(
        ws.address('w'),
        ws.address('cols'),
        0,
        ws.address('product'),
        g.outChannels,
        this.#taps,
        used,
        roundUp8(used),
      );
      wasm.rowsToBatch(
        ws.address('product'),
        ws.address('out'),
        ws.address('bias'),
        g.outChannels,
        batch,
        this.#plane,
        used,
        this.#relu ? 1 : 0,
      );
    }
    out.set(ws.floats('out', batch * this.#outSize));
  }

  /** The direct loop on each example's padded input (its column phases for a column stride > 1). */
  #forwardDirect(batch: number): void {
    const ws = this.#ws;
    const { wasm } = ws;
    const g = this.#g;
    let input = ws.address('padded');
    let inputBytes = g.channels * g.height * g.width * 4;
    if (g.strideX > 1) {
      const planes = ws.address('planes');
      wasm.deinterleaveColumns(
        input,
        planes,
        batch * g.channels * g.height,
        g.width,
        g.strideX,
        this.#planeWidth,
      );
      input = planes;
      inputBytes = g.channels * g.height * g.strideX * this.#planeWidth * 4;
    }
    wasm.packWeightsByFour(ws.address('w'), ws.address('packed'), g.outChannels >> 2, this.#taps);
    const rowStep = g.strideY * g.strideX * this.#planeWidth * 4;
    const out = ws.address('out');
    for (let b = 0; b < batch; b++) {
      wasm.convForward(
        input + b * inputBytes,
        ws.address('taps'),
        ws.address('w'),
        ws.address('packed'),
        ws.address('bias'),
        out + b * this.#outSize * 4,
        g.outChannels,
        this.#taps,
        g.outHeight,
        g.outWidth,
        rowStep,
        this.#relu ? 1 : 0,
        0,
      );
    }
  }

  /** im2col of the padded batch into `cols`, once per forward pass. */
  #columns(batch: number): void {
    if (this.#columnsReady) return;
    const ws = this.#ws;
    ws.wasm.im2col(
      ws.address('padded'),
      ws.address('cols'),
      batch,
      ...this.#layout,
      roundUp8(batch * this.#plane),
    );
    this.#columnsReady = true;
  }

  /** Adds dL/dW and dL/db into params; writes dL/dx into gradIn unless it is null. */
  backward(gradOut: Float32Array, gradIn: Float32Array | null, batch: number, params: LayerParams): void {
    const ws = this.#ws;
    const { wasm } = ws;
    const g = this.#g;
    const used = batch * this.#plane;
    const stride = roundUp8(used);
    const kernelStride = roundUp8(g.outChannels);
    copyInto(ws.floats('grad', batch * this.#outSize), gradOut);
    this.#columns(batch);
    wasm.gradientLayouts(
      ws.address('grad'),
      ws.address('out'),
      this.#relu ? 1 : 0,
      g.outChannels,
      batch,
      this.#plane,
      gradIn === null ? 0 : ws.address('gradRows'),
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
    if (gradIn === null) return;
    wasm.transposePack(ws.address('w'), ws.address('wt'), g.outChannels, this.#taps, g.outChannels);
    wasm.gemm(
      ws.address('wt'),
      ws.address('gradRows'),
      0,
      ws.address('dcols'),
      this.#taps,
      g.outChannels,
      used,
      stride,
    );
    wasm.col2im(ws.address('dcols'), ws.address('dxPadded'), batch, ...this.#layout, used);
    const [top, bottom, left, right] = this.#pad;
    wasm.cropPadded(
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
    gradIn.set(ws.floats('dx', batch * this.#inSize));
  }
}

/** Copies the first `target.length` values of `source` (exactly that long when the network calls). */
export function copyInto(target: Float32Array, source: Float32Array): void {
  target.set(source.length === target.length ? source : source.subarray(0, target.length));
}

/** target[o, t] += transposed[t, o]. */
function addTransposed(target: Float32Array, transposed: Float32Array, taps: number, kernels: number): void {
  for (let t = 0; t < taps; t++) {
    for (let o = 0; o < kernels; o++) {
      const k = o * taps + t;
      target[k] = (target[k] as number) + (transposed[t * kernels + o] as number);
    }
  }
}

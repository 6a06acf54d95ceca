import type { ConvGeometry } from '../backend/kernels';
import type { WasmWorkspace } from '../backend/wasm-workspace';

/**
 * dL/dx of a stride-1 conv as a forward conv, run by the direct loop (conv-forward.ts) example by
 * example: dx[c, y, x] = Σ_{o,i,j} G[o, y + top − i·d, x + left − j·d] · W[o, c, i, j] is a correlation
 * of the gradient G, zero-padded by (k − 1)·d − pad on each side, with the kernels turned 180° and
 * their channel axes swapped. It computes the unpadded input's cells only (the padding's gradient is
 * never needed) and writes no column matrix. Strided convs, and paddings wider than the kernel's reach,
 * go through gemm + col2im instead (conv-gemm.ts).
 */
export class DirectInputGradient {
  readonly #ws: WasmWorkspace;
  readonly #g: ConvGeometry;
  readonly #inHeight: number;
  readonly #inWidth: number;
  /** The gradient's zero padding: top, bottom, left, right. */
  readonly #pads: readonly [number, number, number, number];
  readonly #gridHeight: number;
  readonly #gridWidth: number;
  readonly #taps: number;

  static fits(g: ConvGeometry, pad: readonly [number, number, number, number]): boolean {
    if (g.strideX !== 1 || g.strideY !== 1) return false;
    const reachY = (g.kernelHeight - 1) * g.dilationY;
    const reachX = (g.kernelWidth - 1) * g.dilationX;
    return pad[0] <= reachY && pad[1] <= reachY && pad[2] <= reachX && pad[3] <= reachX;
  }

  constructor(ws: WasmWorkspace, g: ConvGeometry, pad: readonly [number, number, number, number]) {
    this.#ws = ws;
    this.#g = g;
    const reachY = (g.kernelHeight - 1) * g.dilationY;
    const reachX = (g.kernelWidth - 1) * g.dilationX;
    this.#pads = [reachY - pad[0], reachY - pad[1], reachX - pad[2], reachX - pad[3]];
    this.#inHeight = g.height - pad[0] - pad[1];
    this.#inWidth = g.width - pad[2] - pad[3];
    this.#gridHeight = g.outHeight + this.#pads[0] + this.#pads[1];
    this.#gridWidth = g.outWidth + this.#pads[2] + this.#pads[3];
    this.#taps = g.outChannels * g.kernelHeight * g.kernelWidth;
    ws.reserve('turned', g.channels * this.#taps);
    ws.reserve('turnedPacked', g.channels * this.#taps);
    ws.reserve('gridTaps', this.#taps);
    ws.wasm.writeTapOffsets(
      ws.address('gridTaps'),
      g.outChannels,
      this.#gridHeight,
      g.kernelHeight,
      g.kernelWidth,
      g.dilationY,
      g.dilationX,
      1,
      this.#gridWidth,
    );
  }

  /** dx [batch, C, H, W] into block `dx` from the masked gradient in block `grad` ([batch, O, outH, outW]). */
  run(batch: number, weights: Float32Array): void {
    const ws = this.#ws;
    const { wasm } = ws;
    const g = this.#g;
    const grid = this.#gridHeight * this.#gridWidth;
    ws.reserve('grid', batch * g.outChannels * grid);
    this.#turn(weights);
    const [top, bottom, left, right] = this.#pads;
    wasm.padConstant(
      ws.address('grad'),
      ws.address('grid'),
      batch * g.outChannels,
      g.outHeight,
      g.outWidth,
      top,
      bottom,
      left,
      right,
      0,
    );
    wasm.packWeightsByFour(ws.address('turned'), ws.address('turnedPacked'), g.channels >> 2, this.#taps);
    const inSize = g.channels * this.#inHeight * this.#inWidth;
    const gridTaps = ws.address('gridTaps');
    const turned = ws.address('turned');
    const packed = ws.address('turnedPacked');
    for (let b = 0; b < batch; b++) {
      wasm.convForward(
        ws.address('grid') + b * g.outChannels * grid * 4,
        gridTaps,
        turned,
        packed,
        0,
        ws.address('dx') + b * inSize * 4,
        g.channels,
        this.#taps,
        this.#inHeight,
        this.#inWidth,
        this.#gridWidth * 4,
        0,
        0,
      );
    }
  }

  /** turned[c, (o·kh + i)·kw + j] = w[o, c, kh − 1 − i, kw − 1 − j]. */
  #turn(weights: Float32Array): void {
    const g = this.#g;
    const kh = g.kernelHeight;
    const kw = g.kernelWidth;
    const turned = this.#ws.floats('turned', g.channels * this.#taps);
    for (let o = 0; o < g.outChannels; o++) {
      for (let c = 0; c < g.channels; c++) {
        const from = (o * g.channels + c) * kh * kw;
        const to = c * this.#taps + o * kh * kw;
        for (let k = 0; k < kh * kw; k++) turned[to + k] = weights[from + kh * kw - 1 - k] as number;
      }
    }
  }
}

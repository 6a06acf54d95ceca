import type { PoolGeometry } from '../backend/kernels';
import type { WasmWorkspace } from '../backend/wasm-workspace';
import { copyInto } from './native-steps';

/**
 * Max pooling of a whole batch on the WASM kernels, in the layer's own blocks: 2×2 at stride 2 reads the
 * input as it is (maxPool2x2), other windows read its column phases. Windows never cross a plane, so the
 * batch is batch × C planes and the argmax indexes the batch buffer directly.
 */
export class NativeMaxPool {
  readonly #ws: WasmWorkspace;
  readonly #g: PoolGeometry;
  readonly #inSize: number;
  readonly #outSize: number;
  readonly #planeWidth: number;
  readonly #twoByTwo: boolean;

  constructor(ws: WasmWorkspace, g: PoolGeometry, maxBatch: number) {
    this.#ws = ws;
    this.#g = g;
    this.#inSize = g.channels * g.height * g.width;
    this.#outSize = g.channels * g.outHeight * g.outWidth;
    this.#planeWidth = Math.ceil(g.width / g.strideX);
    this.#twoByTwo = g.sizeY === 2 && g.sizeX === 2 && g.strideY === 2 && g.strideX === 2;
    this.#reserve(maxBatch);
  }

  /** Blocks for `batch` examples; grow-only, so a no-op after the largest batch. */
  #reserve(batch: number): void {
    const ws = this.#ws;
    const g = this.#g;
    ws.reserve('x', batch * this.#inSize);
    ws.reserve('planes', g.strideX === 1 ? 0 : batch * g.channels * g.height * g.strideX * this.#planeWidth);
    ws.reserve('out', batch * this.#outSize);
    ws.reserve('argmax', batch * this.#outSize);
  }

  /** Pools x [batch, C, H, W] into out; argmax receives each window's winner (flat index into x). */
  forward(x: Float32Array, out: Float32Array, argmax: Int32Array, batch: number): void {
    const ws = this.#ws;
    const g = this.#g;
    const planes = batch * g.channels;
    this.#reserve(batch);
    copyInto(ws.floats('x', batch * this.#inSize), x);
    const input = ws.address('x');
    if (this.#twoByTwo) {
      ws.wasm.maxPool2x2(
        input,
        ws.address('out'),
        ws.address('argmax'),
        planes,
        g.height,
        g.width,
        g.outHeight,
        g.outWidth,
      );
    } else {
      const phases = g.strideX === 1 ? input : ws.address('planes');
      if (g.strideX > 1)
        ws.wasm.deinterleaveColumns(input, phases, planes * g.height, g.width, g.strideX, this.#planeWidth);
      ws.wasm.maxPool(
        input,
        phases,
        ws.address('out'),
        ws.address('argmax'),
        planes,
        g.height,
        g.width,
        g.sizeY,
        g.sizeX,
        g.strideY,
        g.strideX,
        g.outHeight,
        g.outWidth,
        this.#planeWidth,
      );
    }
    const n = batch * this.#outSize;
    out.set(ws.floats('out', n));
    argmax.set(ws.ints('argmax', n));
  }
}

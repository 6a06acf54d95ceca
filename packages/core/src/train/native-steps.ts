import type { ConvGeometry } from '../backend/kernels';
import type { WasmWorkspace } from '../backend/wasm-workspace';

// Small pieces of the training layers' WASM paths (conv-gemm.ts, dense-native.ts, pool-native.ts, …).

/** Rounds up to the gemm's packing unit: rows of B are a multiple of eight floats. */
export const roundUp8 = (n: number): number => Math.max(8, Math.ceil(n / 8) * 8);

/**
 * A conv layer's forward pass by the direct loop, example by example, on the workspace blocks of
 * conv-gemm.ts: reads 'padded' (split into column phases in 'planes' for a column stride > 1), 'w',
 * 'bias' and the tap table 'taps'; packs 'w' into 'packed'; writes 'out' [batch, O, outH, outW].
 */
export function directForward(
  ws: WasmWorkspace,
  g: ConvGeometry,
  batch: number,
  planeWidth: number,
  relu: boolean,
): void {
  const { wasm } = ws;
  const taps = g.channels * g.kernelHeight * g.kernelWidth;
  const outSize = g.outChannels * g.outHeight * g.outWidth;
  let input = ws.address('padded');
  let inputBytes = g.channels * g.height * g.width * 4;
  if (g.strideX > 1) {
    const planes = ws.address('planes');
    wasm.deinterleaveColumns(input, planes, batch * g.channels * g.height, g.width, g.strideX, planeWidth);
    input = planes;
    inputBytes = g.channels * g.height * g.strideX * planeWidth * 4;
  }
  wasm.packWeightsByFour(ws.address('w'), ws.address('packed'), g.outChannels >> 2, taps);
  const rowStep = g.strideY * g.strideX * planeWidth * 4;
  const [tapTable, w, packed, bias, out] = ['taps', 'w', 'packed', 'bias', 'out'].map((name) =>
    ws.address(name),
  ) as [number, number, number, number, number];
  for (let b = 0; b < batch; b++) {
    wasm.convForward(
      input + b * inputBytes,
      tapTable,
      w,
      packed,
      bias,
      out + b * outSize * 4,
      g.outChannels,
      taps,
      g.outHeight,
      g.outWidth,
      rowStep,
      relu ? 1 : 0,
      0,
    );
  }
}

/** Copies the first `target.length` values of `source` (exactly that long when the network calls). */
export function copyInto(target: Float32Array, source: Float32Array): void {
  target.set(source.length === target.length ? source : source.subarray(0, target.length));
}

export function allFinite(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i] as number)) return false;
  return true;
}

/** target[o, t] += transposed[t, o]. */
export function addTransposed(
  target: Float32Array,
  transposed: Float32Array,
  taps: number,
  kernels: number,
): void {
  for (let t = 0; t < taps; t++) {
    for (let o = 0; o < kernels; o++) {
      const k = o * taps + t;
      target[k] = (target[k] as number) + (transposed[t * kernels + o] as number);
    }
  }
}

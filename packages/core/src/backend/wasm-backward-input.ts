import type { ConvGeometry } from './kernels';
import type { WasmArena } from './wasm-arena';
import { planForward, runForward, zeroPaddingKernels } from './wasm-forward-plan';
import type { KernelExports } from './wasm-module';

/**
 * The input gradient as forward convs, one per stride phase. Input cell (py, px) received
 * w[o,c,i,j]·gradOut[o,y,x] wherever y·sy + i·dy = py and x·sx + j·dx = px. Cells of one phase
 * (py mod sy, px mod sx) = (ry, rx) are reached by one fixed subset of taps, and for them
 * y = py div sy + (ry − i·dy)/sy: a stride-1 correlation of gradOut (zero-padded) with that subset of
 * the kernels, channels and kernels swapping roles. Each (o,y,x,i,j) product lands in exactly one phase,
 * so the work equals the forward pass: no multiplications by the zeros a stride would spread in.
 */
export function wasmConvBackwardInput(
  wasm: KernelExports,
  arena: WasmArena,
  gradOut: Float32Array,
  w: Float32Array,
  g: ConvGeometry,
  dxPadded: Float32Array,
): void {
  const grad = arena.allocate(gradOut.length);
  arena.write(grad, gradOut);
  const dx = convBackwardInputAt(wasm, arena, grad, w, g);
  dxPadded.set(arena.floats(dx, dxPadded.length));
}

/**
 * The input gradient of the padded problem for a gradient already in memory at `grad`
 * ([O, outH, outW]); returns the address of the arena block holding dxPadded ([C, H, W], padded size).
 */
export function convBackwardInputAt(
  wasm: KernelExports,
  arena: WasmArena,
  grad: number,
  w: Float32Array,
  g: ConvGeometry,
): number {
  const padTop = Math.ceil(((g.kernelHeight - 1) * g.dilationY) / g.strideY);
  const padLeft = Math.ceil(((g.kernelWidth - 1) * g.dilationX) / g.strideX);
  const phaseRows = Math.ceil(g.height / g.strideY);
  const phaseColumns = Math.ceil(g.width / g.strideX);
  const gridHeight = padTop + Math.max(g.outHeight, phaseRows);
  const gridWidth = padLeft + Math.max(g.outWidth, phaseColumns);
  const kernelTaps = g.kernelHeight * g.kernelWidth;

  const grid = arena.allocate(g.outChannels * gridHeight * gridWidth);
  const plan = planForward(arena, g.channels, g.outChannels * kernelTaps, phaseRows, phaseColumns, false);
  const paddedSize = g.channels * g.height * g.width;
  const dx = arena.allocate(paddedSize);
  arena.commit();
  placeGradient(
    arena.floats(grid, g.outChannels * gridHeight * gridWidth),
    arena.floats(grad, g.outChannels * g.outHeight * g.outWidth),
    g,
    gridWidth,
    gridHeight,
    padTop,
    padLeft,
  );
  arena.floats(dx, paddedSize).fill(0);

  for (let ry = 0; ry < g.strideY; ry++) {
    for (let rx = 0; rx < g.strideX; rx++) {
      const rows = phaseShifts(ry, g.kernelHeight, g.dilationY, g.strideY);
      const columns = phaseShifts(rx, g.kernelWidth, g.dilationX, g.strideX);
      const outHeight = Math.ceil((g.height - ry) / g.strideY);
      const outWidth = Math.ceil((g.width - rx) / g.strideX);
      const tapCount = g.outChannels * rows.length * columns.length;
      if (tapCount === 0 || outHeight <= 0 || outWidth <= 0) continue;

      const phase = { ...plan, tapCount, outHeight, outWidth };
      const offsets = arena.ints(phase.taps, tapCount);
      const weights = arena.floats(phase.weights, g.channels * tapCount);
      let t = 0;
      for (let o = 0; o < g.outChannels; o++) {
        for (const row of rows) {
          for (const column of columns) {
            offsets[t] = ((o * gridHeight + padTop + row.shift) * gridWidth + padLeft + column.shift) * 4;
            for (let c = 0; c < g.channels; c++) {
              weights[c * tapCount + t] =
                w[((o * g.channels + c) * g.kernelHeight + row.tap) * g.kernelWidth + column.tap] ?? 0;
            }
            t++;
          }
        }
      }
      zeroPaddingKernels(arena, phase, g.channels);
      runForward(wasm, phase, grid, gridWidth * 4);
      for (let c = 0; c < g.channels; c++) {
        const from = phase.out + c * outHeight * outWidth * 4;
        const to = dx + ((c * g.height + ry) * g.width + rx) * 4;
        wasm.scatterPhase(from, to, outHeight, outWidth, g.strideY * g.width, g.strideX);
      }
    }
  }
  return dx;
}

/** The taps k whose offset k·dilation reaches phase r, and the gradient shift (r − k·dilation)/stride. */
function phaseShifts(
  r: number,
  size: number,
  dilation: number,
  stride: number,
): { tap: number; shift: number }[] {
  const shifts: { tap: number; shift: number }[] = [];
  for (let k = 0; k < size; k++) {
    const reach = r - k * dilation;
    if (((reach % stride) + stride) % stride === 0) shifts.push({ tap: k, shift: reach / stride });
  }
  return shifts;
}

function placeGradient(
  grid: Float32Array,
  gradOut: Float32Array,
  g: ConvGeometry,
  gridWidth: number,
  gridHeight: number,
  padTop: number,
  padLeft: number,
): void {
  grid.fill(0);
  for (let o = 0; o < g.outChannels; o++) {
    for (let y = 0; y < g.outHeight; y++) {
      const from = (o * g.outHeight + y) * g.outWidth;
      grid.set(
        gradOut.subarray(from, from + g.outWidth),
        (o * gridHeight + padTop + y) * gridWidth + padLeft,
      );
    }
  }
}

import type { ActivationName } from '../activations';
import type { PaddingMode, Pads } from '../conv-options';
import { floatsCopiedFrom, isShared } from '../float-storage';
import { padImageInto } from '../pad';
import { heapPlaneRanges, planeValues, rememberPlaneRanges } from '../plane-ranges';
import { Tensor } from '../tensor';
import type { WasmArena } from './wasm-arena';
import type { WasmHeap } from './wasm-heap';
import type { KernelExports } from './wasm-module';
import { heapAddress, heapTensor } from './wasm-storage';

// What every op of the WASM device does at its edges: find or copy in its inputs, hand out its output.

export interface DeviceContext {
  readonly wasm: KernelExports;
  readonly heap: WasmHeap;
}

/** Where `t`'s values are in the heap: its own block, or a scratch copy of a 'js' tensor. */
export function inputAddress(context: DeviceContext, arena: WasmArena, t: Tensor): number {
  const own = heapAddress(t, context.heap);
  if (own !== undefined) return own;
  const address = arena.allocate(t.size);
  arena.write(address, t.data);
  return address;
}

/**
 * Writes `x` padded by `pads` into the block at `dst`. Constant padding of a tensor already in the heap,
 * or of narrow rows, runs in the kernels (a row copy each, from the input's own block or one plain copy
 * in); every other case goes through pad.ts straight into the heap: mirrored and wrapped modes by its
 * index maps, and a JS input's rows of `DIRECT_ROWS_FROM_WIDTH` or more by one copy each into their padded
 * place.
 */
export function writePadded(
  context: DeviceContext,
  arena: WasmArena,
  x: Tensor,
  pads: Pads,
  mode: PaddingMode,
  fill: number,
  dst: number,
): void {
  const [channels, height, width] = x.shape as [number, number, number];
  const inHeap = heapAddress(x, context.heap) !== undefined;
  if (mode === 'zeros' && (inHeap || width < DIRECT_ROWS_FROM_WIDTH)) {
    const src = inputAddress(context, arena, x);
    context.wasm.padConstant(
      src,
      dst,
      channels,
      height,
      width,
      pads.top,
      pads.bottom,
      pads.left,
      pads.right,
      fill,
    );
    return;
  }
  const padded = channels * (pads.top + height + pads.bottom) * (pads.left + width + pads.right);
  padImageInto(x.data, channels, height, width, pads, mode, fill, context.heap.floats(dst, padded));
}

/**
 * From this row width on, a JS input with constant padding is copied row by row straight into its padded
 * place (pad.ts): one pass over the values instead of a copy into the heap and the kernels' padding copy
 * after it (on a gray 512² image the public conv2d went from 1.49–1.61× to 1.28–1.57× its kernel's time
 * over repeated runs, with the output copy below).
 * Narrower rows pay more in per-row calls than the second pass costs.
 */
const DIRECT_ROWS_FROM_WIDTH = 64;

/**
 * The op's result at `address`: a 'wasm' tensor taking over the block when the inputs lived in the
 * heap, else a 'js' copy (and the block goes back with the arena).
 */
export function output(
  context: DeviceContext,
  arena: WasmArena,
  shape: readonly number[],
  address: number,
  size: number,
  resident: boolean,
): Tensor {
  if (resident) return heapTensor(context.heap, shape, arena.keep(address), size);
  // Into the op-output storage (float-storage.ts): shared memory in a worker that sends maps to a page,
  // which then also gets each plane's range, measured here while the values are at hand (plane-ranges.ts).
  const data = floatsCopiedFrom(context.heap.floats(address, size));
  if (isShared(data)) {
    const planeSize = planeValues(shape);
    const ranges = heapPlaneRanges(context, address, size / planeSize, planeSize);
    if (ranges !== undefined) rememberPlaneRanges(data, planeSize, ranges);
  }
  return new Tensor(shape, data);
}

/** Element-wise sigmoid, tanh or identity from `from` into `to`, the reference formulas. */
export function applyInJs(name: ActivationName, from: Float32Array, to: Float32Array): void {
  if (name === 'identity') {
    to.set(from);
  } else if (name === 'tanh') {
    for (let k = 0; k < from.length; k++) to[k] = Math.tanh(from[k] ?? 0);
  } else if (name === 'sigmoid') {
    for (let k = 0; k < from.length; k++) {
      const v = from[k] ?? 0;
      if (v >= 0) to[k] = 1 / (1 + Math.exp(-v));
      else {
        const e = Math.exp(v);
        to[k] = e / (1 + e);
      }
    }
  } else {
    throw new Error(`applyInJs: ${name} runs in the kernels`);
  }
}

import type { Tensor } from '../tensor';
import type { PoolGeometry } from './kernels';
import type { ArgmaxRecord, PoolRequest, PoolResult } from './tensor-device';
import type { WasmArena } from './wasm-arena';
import { type DeviceContext, inputAddress, output, writePadded } from './wasm-device-io';
import type { WasmHeap } from './wasm-heap';
import { heapAddress } from './wasm-storage';

/**
 * One public pool2d on the heap. 2×2 windows at stride 2 without padding (the common case) run on
 * the input where it is, with no copy or column split; other windows pad into the heap and split
 * column phases first, like conv. Avg divides in place by the real cells of each window.
 */
export function wasmPool(context: DeviceContext, arena: WasmArena, request: PoolRequest): PoolResult {
  const g = request.geometry;
  const resident = heapAddress(request.x, context.heap) !== undefined;
  const size = g.channels * g.outHeight * g.outWidth;
  const { out, argmax } = isPlainTwoByTwo(request)
    ? twoByTwo(context, arena, request, size)
    : general(context, arena, request, size);
  if (request.kind === 'avg' && !isPlainTwoByTwo(request))
    divide(context.heap.floats(out, size), request.divisor);
  const outputTensor = output(context, arena, [g.channels, g.outHeight, g.outWidth], out, size, resident);
  if (!request.recordArgmax || request.kind !== 'max') return { output: outputTensor };
  const record = resident
    ? new HeapArgmax(context.heap, arena.keep(argmax), size)
    : jsArgmax(context.heap.ints(argmax, size).slice());
  return { output: outputTensor, argmax: record };
}

function isPlainTwoByTwo({ geometry: g, pads }: PoolRequest): boolean {
  const square = g.sizeY === 2 && g.sizeX === 2 && g.strideY === 2 && g.strideX === 2;
  return square && pads.top === 0 && pads.bottom === 0 && pads.left === 0 && pads.right === 0;
}

function twoByTwo(context: DeviceContext, arena: WasmArena, request: PoolRequest, size: number) {
  const g = request.geometry;
  const x = inputAddress(context, arena, request.x);
  const out = arena.allocate(size);
  const argmax = request.kind === 'max' && request.recordArgmax ? arena.allocate(size) : 0;
  const shape = [g.channels, g.height, g.width, g.outHeight, g.outWidth] as const;
  if (request.kind === 'max') context.wasm.maxPool2x2(x, out, argmax, ...shape);
  else context.wasm.avgPool2x2(x, out, ...shape);
  return { out, argmax };
}

function general(context: DeviceContext, arena: WasmArena, request: PoolRequest, size: number) {
  const { wasm, heap } = context;
  const g = request.geometry;
  const [, height, width] = request.x.shape as [number, number, number];
  const own = heapAddress(request.x, heap);
  const padded = g.channels * g.height * g.width;
  const noPads = height === g.height && width === g.width;
  const raw = own !== undefined && noPads ? own : arena.allocate(padded);
  const planeWidth = Math.ceil(g.width / g.strideX);
  const planes = g.strideX === 1 ? raw : arena.allocate(g.channels * g.height * g.strideX * planeWidth);
  const out = arena.allocate(size);
  const argmax = request.kind === 'max' ? arena.allocate(size) : 0;
  if (raw !== own) {
    // Max must never pick a padded cell, so they hold -Infinity; avg sums them as zeros.
    const fill = request.kind === 'max' ? Number.NEGATIVE_INFINITY : 0;
    writePadded(context, arena, request.x, request.pads, 'zeros', fill, raw);
  }
  if (g.strideX > 1)
    wasm.deinterleaveColumns(raw, planes, g.channels * g.height, g.width, g.strideX, planeWidth);
  const args = poolArguments(g, planeWidth);
  if (request.kind === 'max') wasm.maxPool(raw, planes, out, argmax, ...args);
  else wasm.sumPool(raw, planes, out, ...args);
  return { out, argmax };
}

function poolArguments(g: PoolGeometry, planeWidth: number) {
  const { channels, height, width, sizeY, sizeX, strideY, strideX, outHeight, outWidth } = g;
  return [channels, height, width, sizeY, sizeX, strideY, strideX, outHeight, outWidth, planeWidth] as const;
}

function divide(values: Float32Array, divisor: number | Float32Array): void {
  if (typeof divisor === 'number') {
    for (let k = 0; k < values.length; k++) values[k] = (values[k] ?? 0) / divisor;
    return;
  }
  for (let start = 0; start < values.length; start += divisor.length) {
    for (let k = 0; k < divisor.length; k++) values[start + k] = (values[start + k] ?? 0) / (divisor[k] ?? 0);
  }
}

/** Argmax indices that stay in the heap, for a backward pass on the heap. */
class HeapArgmax implements ArgmaxRecord {
  readonly heap: WasmHeap;
  readonly address: number;
  readonly length: number;
  #live = true;

  constructor(heap: WasmHeap, address: number, length: number) {
    this.heap = heap;
    this.address = address;
    this.length = length;
  }

  read(): Int32Array {
    if (!this.#live) throw new Error('pool record: its argmax was disposed');
    return this.heap.ints(this.address, this.length).slice();
  }

  dispose(): void {
    if (this.#live) this.heap.free(this.address);
    this.#live = false;
  }
}

export function jsArgmax(indices: Int32Array): ArgmaxRecord {
  return { length: indices.length, read: () => indices, dispose: () => undefined };
}

/**
 * dx on the padded grid [C, Hp, Wp] from a max pool's argmax: zeroes a block and scatter-adds each
 * gradient onto its window's winner. Stays in the heap when the gradient or the record does.
 */
export function wasmMaxPoolBackward(
  context: DeviceContext,
  arena: WasmArena,
  argmax: ArgmaxRecord,
  gradOut: Tensor,
  paddedShape: readonly number[],
): Tensor {
  const { heap } = context;
  const ownArgmax = argmax instanceof HeapArgmax && argmax.heap === heap ? argmax.address : undefined;
  const resident = ownArgmax !== undefined || heapAddress(gradOut, heap) !== undefined;
  const paddedSize = paddedShape.reduce((a, b) => a * b, 1);
  const g = inputAddress(context, arena, gradOut);
  let indices = ownArgmax;
  if (indices === undefined) {
    indices = arena.allocate(argmax.length);
    heap.ints(indices, argmax.length).set(argmax.read());
  }
  const dx = arena.allocate(paddedSize);
  heap.floats(dx, paddedSize).fill(0);
  context.wasm.scatterAdd(indices, g, dx, argmax.length);
  return output(context, arena, paddedShape, dx, paddedSize, resident);
}

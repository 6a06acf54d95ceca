import type { ActivationName } from '../activations';
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
  return new Tensor(shape, context.heap.floats(address, size).slice());
}

/** Element-wise sigmoid, tanh or identity from `from` into `to`, the reference formulas. */
export function applyInJs(name: ActivationName, from: Float32Array, to: Float32Array): void {
  if (name === 'identity') {
    to.set(from);
  } else if (name === 'tanh') {
    for (let k = 0; k < from.length; k++) to[k] = Math.tanh(from[k] as number);
  } else if (name === 'sigmoid') {
    for (let k = 0; k < from.length; k++) {
      const v = from[k] as number;
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

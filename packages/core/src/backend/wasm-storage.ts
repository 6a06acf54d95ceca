import { storageOf, type Tensor, type TensorStorage, tensorOnStorage } from '../tensor';
import type { WasmHeap } from './wasm-heap';

/**
 * The values of a 'wasm' tensor: a heap block, counted references (a tensor and its reshapes), and a
 * cached view. A growth of the memory detaches the cached view (its length drops to 0), which `view`
 * notices and re-derives, so `tensor.data` is never a dangling view.
 */
export class HeapStorage implements TensorStorage {
  readonly heap: WasmHeap;
  readonly address: number;
  readonly length: number;
  #references = 1;
  #view: Float32Array;

  constructor(heap: WasmHeap, address: number, length: number) {
    this.heap = heap;
    this.address = address;
    this.length = length;
    this.#view = heap.floats(address, length);
  }

  view(): Float32Array {
    if (this.#references === 0) throw new Error('wasm tensor: its memory was freed');
    if (this.#view.length !== this.length) this.#view = this.heap.floats(this.address, this.length);
    return this.#view;
  }

  retain(): void {
    this.#references++;
  }

  release(): void {
    if (this.#references === 0) return;
    this.#references--;
    if (this.#references === 0) this.heap.free(this.address);
  }
}

/** The heap block behind `t` when it lives in `heap`, else undefined (a 'js' tensor or another module's). */
export function heapAddress(t: Tensor, heap: WasmHeap): number | undefined {
  const storage = storageOf(t);
  return storage instanceof HeapStorage && storage.heap === heap ? storage.address : undefined;
}

/** A new 'wasm' tensor owning the heap block at `address` (which must hold ≥ size values). */
export function heapTensor(heap: WasmHeap, shape: readonly number[], address: number, size: number): Tensor {
  return tensorOnStorage(shape, new HeapStorage(heap, address, size));
}

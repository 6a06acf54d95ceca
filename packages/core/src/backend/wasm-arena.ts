import type { WasmHeap } from './wasm-heap';

/**
 * The scratch buffers of one kernel call, taken from the heap's pool and all given back by `release`.
 * Buffers are planned first (`allocate`, which may grow the memory), then `commit` marks the point after
 * which views are taken: a view taken before the last allocation could be detached by a growth.
 */
export class WasmArena {
  readonly #heap: WasmHeap;
  readonly #blocks: number[] = [];

  constructor(heap: WasmHeap) {
    this.#heap = heap;
  }

  /** Reserves room for `count` 4-byte values (plus zeroed read slack, 16-byte aligned); returns its address. */
  allocate(count: number): number {
    const address = this.#heap.allocate(count);
    this.#blocks.push(address);
    return address;
  }

  /** Kept for the plan-then-view discipline; the heap already re-derives its views after a growth. */
  commit(): void {}

  /** The float view of `count` values at `address`. */
  floats(address: number, count: number): Float32Array {
    return this.#heap.floats(address, count);
  }

  ints(address: number, count: number): Int32Array {
    return this.#heap.ints(address, count);
  }

  /** Copies `values` to `address` (after the last allocation). */
  write(address: number, values: Float32Array): void {
    this.#heap.floats(address, values.length).set(values);
  }

  /** Hands `address` over to the caller: `release` will not free it. */
  keep(address: number): number {
    const index = this.#blocks.indexOf(address);
    if (index >= 0) this.#blocks.splice(index, 1);
    return address;
  }

  /** Returns every block of this call to the pool. */
  release(): void {
    for (const address of this.#blocks) this.#heap.free(address);
    this.#blocks.length = 0;
  }
}

import type { WasmHeap } from './wasm-heap';
import type { KernelExports } from './wasm-module';

/** The kernel module and its heap, for code that keeps buffers of its own there (train/*). */
export interface NativeKernels {
  readonly wasm: KernelExports;
  readonly heap: WasmHeap;
}

interface Block {
  address: number;
  count: number;
  /** Views by length, taken over `buffer`; all dropped when the memory grows. */
  readonly floats: Map<number, Float32Array>;
  readonly ints: Map<number, Int32Array>;
}

/** Frees a workspace's blocks once nothing references the workspace (a network dropped without dispose). */
const unfreed = new FinalizationRegistry<{ heap: WasmHeap; blocks: Map<string, Block> }>((held) =>
  freeAll(held.heap, held.blocks),
);

/**
 * Named heap blocks that live as long as their owner (a layer of a training network), so a loop over
 * the same shapes allocates nothing after its first pass: `reserve` sizes a block once, `floats`/`ints`
 * hand out views that are cached by length and re-derived only after the memory has grown (which
 * detaches every view). `dispose` gives the blocks back; a dropped workspace is freed by the collector.
 */
export class WasmWorkspace {
  readonly wasm: KernelExports;
  readonly heap: WasmHeap;
  readonly #blocks = new Map<string, Block>();
  #buffer: ArrayBuffer | null = null;
  #disposed = false;

  constructor(native: NativeKernels) {
    this.wasm = native.wasm;
    this.heap = native.heap;
    unfreed.register(this, { heap: this.heap, blocks: this.#blocks }, this);
  }

  /** Makes block `name` hold at least `count` values (keeping it if it already does); returns its address. */
  reserve(name: string, count: number): number {
    if (this.#disposed) throw new Error('wasm workspace: used after dispose');
    const block = this.#blocks.get(name);
    if (block !== undefined && block.count >= count) return block.address;
    if (block !== undefined) this.heap.free(block.address);
    const address = this.heap.allocate(count);
    this.#blocks.set(name, { address, count, floats: new Map(), ints: new Map() });
    return address;
  }

  /** The address of a reserved block. */
  address(name: string): number {
    return this.#block(name).address;
  }

  /** The first `count` values of block `name` as floats. */
  floats(name: string, count: number): Float32Array {
    const block = this.#block(name);
    this.#checkBuffer();
    let view = block.floats.get(count);
    if (view === undefined) {
      view = this.heap.floats(block.address, Math.min(count, block.count));
      block.floats.set(count, view);
    }
    return view;
  }

  ints(name: string, count: number): Int32Array {
    const block = this.#block(name);
    this.#checkBuffer();
    let view = block.ints.get(count);
    if (view === undefined) {
      view = this.heap.ints(block.address, Math.min(count, block.count));
      block.ints.set(count, view);
    }
    return view;
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    unfreed.unregister(this);
    freeAll(this.heap, this.#blocks);
  }

  #block(name: string): Block {
    const block = this.#blocks.get(name);
    if (block === undefined) throw new Error(`wasm workspace: no block "${name}"`);
    return block;
  }

  /** After a growth every cached view is detached: forget them all. */
  #checkBuffer(): void {
    const buffer = this.heap.buffer;
    if (buffer === this.#buffer) return;
    this.#buffer = buffer;
    for (const block of this.#blocks.values()) {
      block.floats.clear();
      block.ints.clear();
    }
  }
}

function freeAll(heap: WasmHeap, blocks: Map<string, Block>): void {
  for (const block of blocks.values()) if (heap.isLive(block.address)) heap.free(block.address);
  blocks.clear();
}

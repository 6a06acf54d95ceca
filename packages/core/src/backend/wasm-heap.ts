import type { WasmMemory } from './wasm-module';

/** Bytes kept zero after every block: the SIMD loops read up to 16 floats past a row's last real column. */
export const SLACK_BYTES = 64;
const PAGE_BYTES = 65536;

export interface HeapStats {
  /** Blocks handed out and not yet freed, and the bytes they cover (size classes, slack included). */
  readonly liveBlocks: number;
  readonly liveBytes: number;
  /** Freed blocks waiting for reuse. */
  readonly pooledBlocks: number;
  /** Bytes of WebAssembly memory, and how many times it has grown. */
  readonly memoryBytes: number;
  readonly growths: number;
}

/**
 * A pool of reusable blocks in the kernel module's one memory. A freed block goes to the free list of
 * its size class and the next request of that class takes it back, so a loop that allocates the same
 * shapes every step (a training step, an edit re-run) stops growing after its first pass. Sizes are
 * rounded up to one of four classes per power of two, wasting at most a fifth.
 *
 * Addresses never move; only typed views do: growing the memory detaches every view taken before.
 * `floats`/`ints` therefore re-derive their views whenever the buffer has changed, and callers take a
 * view only after their last allocation of a step.
 */
export class WasmHeap {
  readonly #memory: WasmMemory;
  readonly #base: number;
  #top: number;
  readonly #free = new Map<number, number[]>();
  readonly #sizes = new Map<number, number>();
  #liveBytes = 0;
  #pooled = 0;
  #growths = 0;
  #f32 = new Float32Array(0);
  #i32 = new Int32Array(0);

  constructor(memory: WasmMemory, heapBase: number) {
    this.#memory = memory;
    this.#base = alignUp(heapBase);
    this.#top = this.#base;
  }

  /** A block for `count` 4-byte values, 16-byte aligned, followed by zeroed slack. Its contents are stale. */
  allocate(count: number): number {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`wasm heap: bad size ${count}`);
    const size = sizeClass(count * 4 + SLACK_BYTES);
    let address = this.#free.get(size)?.pop();
    if (address === undefined) address = this.#bump(size);
    else this.#pooled--;
    this.#sizes.set(address, size);
    this.#liveBytes += size;
    this.floats(address + count * 4, (size - count * 4) >>> 2).fill(0);
    return address;
  }

  /** Returns a block to its size class. Freeing an address twice, or one never allocated, throws. */
  free(address: number): void {
    const size = this.#sizes.get(address);
    if (size === undefined) throw new Error(`wasm heap: ${address} is not a live block`);
    this.#sizes.delete(address);
    this.#liveBytes -= size;
    if (this.#sizes.size === 0) {
      // Nothing live: forget the fragmentation and start again from the bottom.
      this.#free.clear();
      this.#pooled = 0;
      this.#top = this.#base;
      return;
    }
    const list = this.#free.get(size);
    if (list === undefined) this.#free.set(size, [address]);
    else list.push(address);
    this.#pooled++;
  }

  /** The float view of `count` values at `address`, over the memory as it is now. */
  floats(address: number, count: number): Float32Array {
    if (this.#f32.buffer !== this.#memory.buffer) this.#refresh();
    return this.#f32.subarray(address >>> 2, (address >>> 2) + count);
  }

  ints(address: number, count: number): Int32Array {
    if (this.#i32.buffer !== this.#memory.buffer) this.#refresh();
    return this.#i32.subarray(address >>> 2, (address >>> 2) + count);
  }

  /** The memory's buffer as it is now (a new one after every growth). */
  get buffer(): ArrayBuffer {
    return this.#memory.buffer;
  }

  /** Whether `address` is a block handed out and not freed. */
  isLive(address: number): boolean {
    return this.#sizes.has(address);
  }

  stats(): HeapStats {
    return {
      liveBlocks: this.#sizes.size,
      liveBytes: this.#liveBytes,
      pooledBlocks: this.#pooled,
      memoryBytes: this.#memory.buffer.byteLength,
      growths: this.#growths,
    };
  }

  #bump(size: number): number {
    const address = this.#top;
    const end = address + size;
    const missing = end - this.#memory.buffer.byteLength;
    if (missing > 0) {
      // Grow by at least a quarter of the memory so a growing workload does not grow on every call.
      const needed = Math.ceil(missing / PAGE_BYTES);
      const generous = Math.max(needed, Math.ceil(this.#memory.buffer.byteLength / PAGE_BYTES / 4));
      try {
        this.#memory.grow(generous);
      } catch {
        this.#grow(needed);
      }
      this.#growths++;
    }
    this.#top = end;
    return address;
  }

  #grow(pages: number): void {
    try {
      this.#memory.grow(pages);
    } catch {
      const mib = Math.ceil((this.#memory.buffer.byteLength + pages * PAGE_BYTES) / 2 ** 20);
      throw new RangeError(`wasm kernels: this needs ${mib} MiB but WebAssembly memory cannot grow that far`);
    }
  }

  #refresh(): void {
    this.#f32 = new Float32Array(this.#memory.buffer);
    this.#i32 = new Int32Array(this.#memory.buffer);
  }
}

/**
 * Rounds up to 16·{4, 5, 6, 7}·2^k bytes: few enough classes that freed blocks find takers. Above 16 MiB,
 * where a fifth more would be megabytes of memory that never shrinks, to whole MiB instead.
 */
export function sizeClass(bytes: number): number {
  if (bytes > 2 ** 24) return Math.ceil(bytes / 2 ** 20) * 2 ** 20;
  const units = Math.max(4, Math.ceil(bytes / 16));
  const shift = Math.max(0, Math.floor(Math.log2(units)) - 2);
  const step = 2 ** shift;
  return Math.ceil(units / step) * step * 16;
}

// Plain arithmetic rather than `& ~15`: addresses past 2 GiB do not fit a signed 32-bit bitwise op.
function alignUp(address: number): number {
  return Math.ceil(address / 16) * 16;
}

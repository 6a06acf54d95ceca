import type { WasmMemory } from './wasm-module';

/** Bytes left after every buffer: the SIMD loops read up to 16 floats past a row's last real column. */
const SLACK_BYTES = 64;
const PAGE_BYTES = 65536;

/**
 * A per-call bump layout over the module's one memory. Buffers are planned first (`allocate`), then the
 * memory grows once to fit (`commit`), and only then are typed views taken: growing detaches old views.
 * Nothing is freed; the next call starts again from the heap base.
 */
export class WasmArena {
  readonly #memory: WasmMemory;
  #next: number;
  #floats = new Float32Array(0);
  #ints = new Int32Array(0);
  readonly #slacks: number[] = [];

  constructor(memory: WasmMemory, heapBase: number) {
    this.#memory = memory;
    this.#next = alignUp(heapBase);
  }

  /** Reserves room for `count` 4-byte values (plus read slack, 16-byte aligned) and returns its address. */
  allocate(count: number): number {
    const address = this.#next;
    this.#slacks.push(address + count * 4);
    this.#next = alignUp(address + count * 4 + SLACK_BYTES);
    return address;
  }

  /** Grows the memory to hold everything allocated so far and refreshes the views. */
  commit(): void {
    const missing = this.#next - this.#memory.buffer.byteLength;
    if (missing > 0) {
      try {
        this.#memory.grow(Math.ceil(missing / PAGE_BYTES));
      } catch {
        const mib = Math.ceil(this.#next / 2 ** 20);
        throw new RangeError(
          `wasm kernels: this call needs ${mib} MiB but WebAssembly memory cannot grow that far`,
        );
      }
    }
    this.#floats = new Float32Array(this.#memory.buffer);
    this.#ints = new Int32Array(this.#memory.buffer);
    // Lanes read from the slack are thrown away, but stale bits there could be denormals, which make x86
    // float arithmetic crawl; zeros cost nothing.
    for (const slack of this.#slacks) this.#floats.fill(0, slack >>> 2, (slack + SLACK_BYTES) >>> 2);
  }

  /** The float view of `count` values at `address`. */
  floats(address: number, count: number): Float32Array {
    return this.#floats.subarray(address >>> 2, (address >>> 2) + count);
  }

  ints(address: number, count: number): Int32Array {
    return this.#ints.subarray(address >>> 2, (address >>> 2) + count);
  }

  /** Copies `values` to `address` (after commit). */
  write(address: number, values: Float32Array): void {
    this.#floats.set(values, address >>> 2);
  }
}

// Plain arithmetic rather than `& ~15`: addresses past 2 GiB do not fit a signed 32-bit bitwise op.
function alignUp(address: number): number {
  return Math.ceil(address / 16) * 16;
}

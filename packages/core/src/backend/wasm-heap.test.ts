import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { fuzzRuns, fuzzTimeout } from '../testing/fuzz-budget';
import { SLACK_BYTES, sizeClass, WasmHeap } from './wasm-heap';
import type { WasmMemory } from './wasm-module';

vi.setConfig({ testTimeout: fuzzTimeout() });

// The pool on a real WebAssembly.Memory: reuse after free, growth, views, slack, misuse.

function newHeap(pages = 1, maximum?: number): { heap: WasmHeap; memory: WasmMemory } {
  const api = (globalThis as unknown as { WebAssembly: { Memory: new (d: object) => WasmMemory } })
    .WebAssembly;
  const memory = new api.Memory(maximum === undefined ? { initial: pages } : { initial: pages, maximum });
  return { heap: new WasmHeap(memory, 1024), memory };
}

describe('sizeClass', () => {
  it('rounds up by at most a quarter plus 16 bytes (1 MiB above 16 MiB), to 16-byte multiples', () => {
    const big = [5e6 + 3, 2 ** 24 - 5, 2 ** 24 + 1, 3e8 + 7];
    for (const bytes of [...Array.from({ length: 5000 }, (_, k) => 1 + k * 37), ...big]) {
      const size = sizeClass(bytes);
      expect(size).toBeGreaterThanOrEqual(bytes);
      expect(size % 16).toBe(0);
      const slack = bytes > 2 ** 24 ? 2 ** 20 : bytes / 4 + 16;
      expect(size).toBeLessThanOrEqual(Math.max(64, bytes + slack));
    }
  });
});

describe('WasmHeap', () => {
  it('hands a freed block to the next request of its size class', () => {
    const { heap } = newHeap();
    const a = heap.allocate(100);
    heap.allocate(7); // keeps the heap from resetting when `a` is freed
    heap.free(a);
    expect(heap.allocate(98)).toBe(a);
    expect(heap.stats().pooledBlocks).toBe(0);
  });

  it('gives 16-byte aligned, non-overlapping blocks with zeroed slack after each', () => {
    const { heap } = newHeap();
    const blocks = [3, 17, 1, 64, 250].map((count) => ({ count, address: heap.allocate(count) }));
    for (const { count, address } of blocks) {
      expect(address % 16).toBe(0);
      heap.floats(address, count).fill(Number.NaN);
    }
    const sorted = [...blocks].sort((a, b) => a.address - b.address);
    for (let k = 0; k + 1 < sorted.length; k++) {
      const { address, count } = sorted[k] as { address: number; count: number };
      expect(address + count * 4 + SLACK_BYTES).toBeLessThanOrEqual(
        (sorted[k + 1] as { address: number }).address,
      );
    }
    const again = heap.allocate(5);
    heap.floats(again, 5 + SLACK_BYTES / 4).fill(Number.NaN); // a kernel scribbling into the slack
    heap.free(again);
    const reused = heap.allocate(5);
    expect(reused).toBe(again);
    expect([...heap.floats(reused + 20, SLACK_BYTES / 4)].every((v) => v === 0)).toBe(true);
  });

  it('grows the memory when it must, keeping addresses and contents; views are re-derived', () => {
    const { heap, memory } = newHeap(1);
    const a = heap.allocate(1000);
    heap.floats(a, 1000).set(Float32Array.from({ length: 1000 }, (_, k) => k + 0.5));
    const old = heap.floats(a, 1000);
    const before = memory.buffer.byteLength;
    heap.allocate(200_000); // 800 kB: more than one page
    expect(memory.buffer.byteLength).toBeGreaterThan(before);
    expect(heap.stats().growths).toBeGreaterThanOrEqual(1);
    expect(old.length).toBe(0); // the growth detached the view taken before
    const fresh = heap.floats(a, 1000);
    expect(fresh[999]).toBe(999.5);
    expect(fresh[0]).toBe(0.5);
  });

  it('refuses double frees and unknown addresses, and says when memory cannot grow', () => {
    const { heap } = newHeap(1, 2);
    const a = heap.allocate(10);
    heap.allocate(10);
    heap.free(a);
    expect(() => heap.free(a)).toThrow(/not a live block/);
    expect(() => heap.free(12345)).toThrow(/not a live block/);
    expect(() => heap.allocate(1_000_000)).toThrow(/cannot grow that far/);
    expect(() => heap.allocate(-1)).toThrow(/bad size/);
  });

  it('starts again from the bottom once nothing is live', () => {
    const { heap } = newHeap();
    const first = heap.allocate(10);
    const second = heap.allocate(5000);
    heap.free(first);
    heap.free(second);
    expect(heap.stats()).toMatchObject({ liveBlocks: 0, liveBytes: 0, pooledBlocks: 0 });
    expect(heap.allocate(5000)).toBe(first);
  });

  it('never hands out overlapping live blocks over random allocate/free sequences', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.constant(-1)), {
          minLength: 1,
          maxLength: 80,
        }),
        (steps) => {
          const { heap } = newHeap();
          const live = new Map<number, number>();
          let tag = 1;
          for (const step of steps) {
            if (step < 0 && live.size > 0) {
              const [address] = live.keys();
              heap.free(address as number);
              live.delete(address as number);
              continue;
            }
            const count = Math.max(step, 0);
            const address = heap.allocate(count);
            heap.floats(address, count).fill(tag);
            live.set(address, count);
            tag++;
            // Every live block still holds its own tag: nothing overlapped it.
            const tags = new Set<number>();
            for (const [at, size] of live) {
              const view = heap.floats(at, size);
              if (size > 0) {
                expect(view.every((v) => v === view[0])).toBe(true);
                expect(tags.has(view[0] ?? 0)).toBe(false);
                tags.add(view[0] ?? 0);
              }
            }
          }
          expect(heap.stats().liveBlocks).toBe(live.size);
        },
      ),
      { numRuns: fuzzRuns(60, 0.01) },
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from './at';
import { getKernels, setKernels } from './backend/active-kernels';
import type { ComputeKernels } from './backend/kernels';
import { referenceKernels } from './backend/reference-kernels';
import { loadWasmKernels } from './backend/wasm-kernels';
import { conv2d } from './conv2d';
import { matmul } from './matmul';
import { pool2d } from './pool2d';
import { ready } from './ready';
import { Tensor } from './tensor';
import { randomTensor } from './testing/random-tensor';
import { fromWasm, toWasm, wasmMemoryStats, wasmScope } from './wasm-memory';

// Tensors in WASM memory: placement follows the input, views survive growth, lifetimes are explicit.

let wasm: ComputeKernels;
beforeAll(async () => {
  await ready();
  wasm = getKernels();
  if (wasm.device === undefined) throw new Error('this Node has no WebAssembly SIMD');
});
afterAll(() => setKernels(wasm));

function live(): number {
  return wasmMemoryStats()?.liveBlocks ?? Number.NaN;
}

/** A 'wasm' tensor big enough that making it grows the memory. */
function forceGrowth(): Tensor {
  const bytes = wasmMemoryStats()?.memoryBytes ?? 0;
  return toWasm(new Tensor([bytes / 4 + 1000]));
}

describe('toWasm / fromWasm', () => {
  it('moves values into WASM memory and back, unchanged', () => {
    const x = randomTensor([2, 3, 5], 1);
    const w = toWasm(x);
    expect(w.location).toBe('wasm');
    expect(x.location).toBe('js');
    expect([...w.data]).toEqual([...x.data]);
    const back = fromWasm(w);
    expect(back.location).toBe('js');
    expect(back.toArray()).toEqual(x.toArray());
    expect(toWasm(w)).toBe(w);
    expect(fromWasm(x)).toBe(x);
    w.dispose();
  });

  it('leaves tensors in JS when the WASM kernels are not in use', () => {
    setKernels(referenceKernels);
    try {
      const x = randomTensor([4], 2);
      expect(toWasm(x)).toBe(x);
      expect(wasmMemoryStats()).toBeUndefined();
    } finally {
      setKernels(wasm);
    }
  });
});

describe('views and growth', () => {
  it('re-derives data after the memory grows: the tensor never shows a dangling view', () => {
    const x = randomTensor([3, 40, 40], 3);
    const t = toWasm(x);
    const before = t.data;
    const growths = wasmMemoryStats()?.growths ?? 0;
    const big = forceGrowth();
    expect(wasmMemoryStats()?.growths).toBeGreaterThan(growths);
    expect(before.length).toBe(0); // an old view is detached (empty), never silently stale
    expect(t.data.length).toBe(x.size);
    expect([...t.data]).toEqual([...x.data]);
    expect(t.size).toBe(x.size);
    big.dispose();
    t.dispose();
  });

  it('keeps an op input valid when that op itself grows the memory', async () => {
    const x = randomTensor([2, 100, 100], 4);
    const w = randomTensor([3, 2, 3, 3], 5);
    const expected = conv2d(x, w, { padding: 'same', activation: 'tanh' });
    const fresh = await loadWasmKernels(); // its own small memory: the conv's blocks must grow it
    setKernels(fresh as ComputeKernels);
    try {
      const t = toWasm(x);
      const growths = fresh?.device?.stats().growths ?? 0;
      const y = conv2d(t, w, { padding: 'same', activation: 'tanh' });
      expect(fresh?.device?.stats().growths).toBeGreaterThan(growths);
      expect(y.location).toBe('wasm');
      expect([...y.data]).toEqual([...expected.data]);
      t.dispose();
      y.dispose();
    } finally {
      setKernels(wasm);
    }
  });
});

describe('lifetimes', () => {
  it('dispose frees the block; reading afterwards throws; twice is harmless', () => {
    const start = live();
    const t = toWasm(randomTensor([10], 6));
    expect(live()).toBe(start + 1);
    t.dispose();
    t.dispose();
    expect(live()).toBe(start);
    expect(() => t.data).toThrow(/disposed/);
    expect(t.size).toBe(10);
  });

  it('reshapes share the block until the last of them is disposed', () => {
    const start = live();
    const t = toWasm(randomTensor([2, 6], 7));
    const r = t.reshape([3, 4]);
    expect(r.location).toBe('wasm');
    expect(() => t.reshape([5])).toThrow(/holds 5 values/);
    t.dispose();
    expect(live()).toBe(start + 1);
    expect(r.toArray()).toEqual(fromWasm(randomTensor([3, 4], 7)).toArray());
    r.dispose();
    expect(live()).toBe(start);
  });

  it('wasmScope disposes what was made inside except what it returns', () => {
    const start = live();
    let inner: Tensor | undefined;
    const kept = wasmScope(() => {
      inner = toWasm(randomTensor([5], 8));
      const other = toWasm(randomTensor([5], 9));
      return { other, note: 'not a tensor' };
    });
    expect(() => inner?.data).toThrow(/disposed/);
    expect(kept.other.data.length).toBe(5);
    expect(live()).toBe(start + 1);
    kept.other.dispose();
    expect(() =>
      wasmScope(() => {
        toWasm(randomTensor([5], 10));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(live()).toBe(start);
  });

  it('reuses freed blocks: a repeated chain stops growing memory after its first pass', () => {
    const x = toWasm(randomTensor([3, 64, 64], 11));
    const w = randomTensor([8, 3, 3, 3], 12);
    const step = () =>
      wasmScope(() => {
        const y = conv2d(x, w, { padding: 'same', bias: new Array(8).fill(0.1), activation: 'relu' });
        return fromWasm(pool2d(y, { kind: 'max', size: 2 }));
      });
    step();
    const after = wasmMemoryStats();
    for (let k = 0; k < 5; k++) step();
    expect(wasmMemoryStats()?.growths).toBe(after?.growths);
    expect(wasmMemoryStats()?.liveBlocks).toBe(after?.liveBlocks);
    x.dispose();
  });
});

describe('a chain in WASM memory', () => {
  it('conv → bias → relu → pool → dense stays in WASM and equals the reference path', () => {
    const x = randomTensor([3, 20, 23], 13);
    const w = randomTensor([4, 3, 3, 3], 14);
    const bias = [0.1, -0.2, 0.3, 0];
    const dense = randomTensor([5, 4 * 10 * 11], 15);
    const chain = (input: Tensor) => {
      const y = conv2d(input, w, { padding: 'same', bias, activation: 'relu' });
      const p = pool2d(y, { kind: 'max', size: 2 });
      const z = matmul(p.reshape([1, p.size]), dense, { transposeB: true });
      return { y, p, z };
    };
    setKernels(referenceKernels);
    const expected = chain(x).z;
    setKernels(wasm);
    const start = live();
    const actual = wasmScope(() => {
      const { y, p, z } = chain(toWasm(x));
      for (const t of [y, p, z]) expect(t.location).toBe('wasm');
      return fromWasm(z);
    });
    expect(live()).toBe(start);
    expect(actual.shape).toEqual([1, 5]);
    for (let k = 0; k < 5; k++) expect(actual.data[k]).toBeCloseTo(at(expected.data, k), 4);
  });
});

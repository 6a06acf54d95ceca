import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { at } from './at';
import { getKernels, setKernels } from './backend/active-kernels';
import type { ComputeKernels } from './backend/kernels';
import { referenceKernels } from './backend/reference-kernels';
import { matmul } from './matmul';
import { ready } from './ready';
import { Tensor, tensor } from './tensor';
import { fuzzRuns, fuzzTimeout } from './testing/fuzz-budget';
import { randomTensor } from './testing/random-tensor';
import { useTfjsCpu } from './testing/tfjs-oracle';
import { fromWasm, toWasm } from './wasm-memory';

vi.setConfig({ testTimeout: fuzzTimeout() });

// matmul on both kernel sets against a hand-worked product, brute force, and TensorFlow.js.

let wasm: ComputeKernels;
beforeAll(async () => {
  await ready();
  wasm = getKernels();
});
afterAll(() => setKernels(wasm));

const backends = () =>
  [
    ['reference', referenceKernels],
    ['wasm-simd', wasm],
  ] as const;

function on<T>(kernels: ComputeKernels, run: () => T): T {
  setKernels(kernels);
  try {
    return run();
  } finally {
    setKernels(wasm);
  }
}

/** op(A)·op(B) + bias by the definition, in float64. */
function bruteForce(a: Tensor, b: Tensor, ta: boolean, tb: boolean, bias?: readonly number[]): Float64Array {
  const [m, k] = ta ? [at(a.shape, 1), at(a.shape, 0)] : (a.shape as [number, number]);
  const n = at(b.shape, tb ? 0 : 1);
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let sum = bias?.[j] ?? 0;
      for (let p = 0; p < k; p++) {
        const left = at(a.data, ta ? p * m + i : i * k + p);
        const right = at(b.data, tb ? j * k + p : p * n + j);
        sum += left * right;
      }
      out[i * n + j] = sum;
    }
  return out;
}

describe('matmul', () => {
  for (const name of ['reference', 'wasm-simd'] as const) {
    it(`multiplies a hand-worked example (${name})`, () => {
      const a = tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      const b = tensor([
        [7, 8],
        [9, 10],
        [11, 12],
      ]);
      const run = () => matmul(a, b, { bias: [1, -1] }).toArray();
      const k = name === 'reference' ? referenceKernels : wasm;
      expect(on(k, run)).toEqual([
        [59, 63],
        [140, 153],
      ]);
      const transposed = on(k, () => matmul(b, a, { transposeA: true, transposeB: true }).toArray());
      expect(transposed).toEqual([
        [58, 139],
        [64, 154],
      ]);
    });
  }

  it('equals brute force for every transpose, edge sizes and bias, on both kernel sets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 0, max: 21 }),
        fc.integer({ min: 1, max: 19 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 1000 }),
        (m, k, n, ta, tb, withBias, resident, seed) => {
          const a = randomTensor(ta ? [k, m] : [m, k], seed);
          const b = randomTensor(tb ? [n, k] : [k, n], seed + 1);
          const bias = withBias ? Array.from({ length: n }, (_, j) => j / 4 - 1) : undefined;
          const expected = bruteForce(a, b, ta, tb, bias);
          for (const [, kernels] of backends()) {
            const product = on(kernels, () => {
              const left = resident ? toWasm(a) : a;
              const out = matmul(left, b, { transposeA: ta, transposeB: tb, bias });
              if (left !== a) left.dispose();
              const copy = fromWasm(out);
              if (copy !== out) out.dispose();
              return copy;
            });
            expect(product.shape).toEqual([m, n]);
            for (let e = 0; e < expected.length; e++) {
              expect(Math.abs(at(product.data, e) - at(expected, e))).toBeLessThan(1e-4 * (k + 1));
            }
          }
        },
      ),
      { numRuns: fuzzRuns(150, 0.02) },
    );
  });

  it('agrees with TensorFlow.js on a dense layer shape', async () => {
    const tf = await useTfjsCpu();
    const x = randomTensor([20, 200], 3);
    const w = randomTensor([10, 200], 4);
    const ours = matmul(x, w, { transposeB: true });
    const theirs = tf.matMul(tf.tensor2d(x.data, [20, 200]), tf.tensor2d(w.data, [10, 200]), false, true);
    const expected = theirs.dataSync();
    theirs.dispose();
    for (let e = 0; e < expected.length; e++) expect(ours.data[e]).toBeCloseTo(at(expected, e), 4);
  });

  it('names the mismatch in plain words', () => {
    const a = randomTensor([2, 3], 1);
    expect(() => matmul(a, randomTensor([4, 2], 2))).toThrow(
      /inner sizes differ: A is \[2, 3\] but B is \[4, 2\]/,
    );
    expect(() => matmul(a, randomTensor([3], 2))).toThrow(/B must be a matrix/);
    expect(() => matmul(a, randomTensor([3, 2], 2), { bias: [1] })).toThrow(
      /bias has 1 values but the product has 2/,
    );
  });

  it('keeps NaN and infinities where they belong', () => {
    const a = new Tensor([2, 2], Float32Array.of(Number.NaN, 0, 1, Number.POSITIVE_INFINITY));
    const b = new Tensor(
      [2, 9],
      Float32Array.from({ length: 18 }, (_, k) => (k % 3) - 1),
    );
    for (const [, kernels] of backends()) {
      const expected = on(referenceKernels, () => matmul(a, b));
      const actual = on(kernels, () => matmul(a, b));
      for (let e = 0; e < 18; e++)
        expect(Object.is(actual.data[e], expected.data[e]) || actual.data[e] === expected.data[e]).toBe(true);
    }
  });
});

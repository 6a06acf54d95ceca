import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ActivationName } from '../activations';
import { at } from '../at';
import type { Padding, PaddingMode } from '../conv-options';
import { type Conv2dOptions, conv2d, conv2dBackward } from '../conv2d';
import { type Pool2dOptions, pool2d, pool2dBackward, pool2dRecorded } from '../pool2d';
import { createRandom } from '../random';
import { ready } from '../ready';
import { Tensor } from '../tensor';
import { breakingNumber } from '../testing/breaking-number';
import { fuzzRuns, fuzzTimeout } from '../testing/fuzz-budget';
import { numericalGradient } from '../testing/gradient-check';
import { randomTensor } from '../testing/random-tensor';
import { fromWasm, toWasm, wasmScope } from '../wasm-memory';
import { getKernels, setKernels } from './active-kernels';
import { type ConvAlgorithm, forceConvAlgorithm } from './conv-algorithm';
import type { ComputeKernels } from './kernels';
import { referenceKernels } from './reference-kernels';

vi.setConfig({ testTimeout: fuzzTimeout() });

// The WASM device (whole ops on the heap, fused activations, recorded pools) against the reference
// kernels, with inputs in JS and in WASM memory, over blocks reused after free and holding stale NaNs,
// and with NaN and infinities in the data.

let wasm: ComputeKernels;
beforeAll(async () => {
  await ready();
  wasm = getKernels();
});
afterAll(() => setKernels(wasm));
afterEach(() => forceConvAlgorithm(undefined));

function on<T>(kernels: ComputeKernels, run: () => T): T {
  setKernels(kernels);
  try {
    return run();
  } finally {
    setKernels(wasm);
  }
}

/** Frees a few blocks full of NaN so the next op's scratch and output blocks start out dirty. */
function dirtyTheHeap(sizes: readonly number[]): void {
  const blocks = sizes.map((n) => toWasm(new Tensor([n], new Float32Array(n).fill(Number.NaN))));
  for (const block of blocks) block.dispose();
}

/** Equal up to float rounding; NaN where NaN, the same infinity where infinite. */
function expectSame(actual: Tensor, expected: Tensor, tolerance = 1e-5): void {
  expect(actual.shape).toEqual(expected.shape);
  for (let k = 0; k < expected.size; k++) {
    const a = at(actual.data, k);
    const e = at(expected.data, k);
    if (Number.isNaN(e) || !Number.isFinite(e)) {
      if (!Object.is(a, e) && !(Number.isNaN(a) && Number.isNaN(e)))
        expect.fail(`entry ${k}: got ${a}, expected ${e}`);
    } else if (!(Math.abs(a - e) <= tolerance * Math.max(1, Math.abs(e)))) {
      expect.fail(`entry ${k}: got ${a}, expected ${e}`);
    }
  }
}

/** Runs `op` on the WASM device with the input in JS or in WASM memory; returns a JS copy of the result. */
function onDevice(x: Tensor, resident: boolean, op: (input: Tensor) => Tensor): Tensor {
  return on(wasm, () =>
    wasmScope(() => {
      const out = op(resident ? toWasm(x) : x);
      expect(out.location).toBe(resident ? 'wasm' : 'js');
      return fromWasm(out);
    }),
  );
}

function withBreakingValues(t: Tensor, where: readonly number[], values: readonly number[]): Tensor {
  const data = t.data.slice();
  where.forEach((at, k) => {
    data[at % data.length] = values[k % values.length] ?? 0;
  });
  return new Tensor(t.shape, data);
}

const nonFinite = breakingNumber.filter((v) => !Number.isFinite(v) || v === 0);

const activations: ActivationName[] = ['identity', 'relu', 'leaky-relu', 'sigmoid', 'tanh'];

describe('conv2d on the WASM device', () => {
  it('forward and backward match the reference for every option, activation and placement, NaN and ∞ included', () => {
    const convCase = fc.record({
      channels: fc.integer({ min: 1, max: 4 }),
      kernels: fc.integer({ min: 1, max: 7 }),
      height: fc.integer({ min: 5, max: 14 }),
      width: fc.integer({ min: 5, max: 21 }),
      kernel: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
      stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      dilation: fc.integer({ min: 1, max: 2 }),
      padding: fc.constantFrom<Padding>('valid', 'same', 'full', [0, 2, 1, 0]),
      paddingMode: fc.constantFrom<PaddingMode>('zeros', 'zeros', 'reflect', 'replicate', 'circular'),
      activation: fc.constantFrom(...activations),
      resident: fc.boolean(),
      // NaN, ±∞ and −0; not ±1e38: sums of several of those overflow float32 (the WASM accumulators)
      // but not the reference's float64, a difference of precision rather than of rules.
      breaking: fc.array(fc.tuple(fc.nat(), nonFinite), { maxLength: 3 }),
      dirt: fc.array(fc.integer({ min: 1, max: 4000 }), { maxLength: 4 }),
      // Both forward loops, whichever the rule (conv-algorithm.ts) would pick for the shape.
      algorithm: fc.constantFrom<ConvAlgorithm | undefined>(undefined, 'gemm', 'direct'),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(convCase, (c) => {
        forceConvAlgorithm(c.algorithm);
        const clean = randomTensor([c.channels, c.height, c.width], c.seed);
        const x = withBreakingValues(
          clean,
          c.breaking.map(([at]) => at),
          c.breaking.map(([, v]) => v),
        );
        const w = randomTensor([c.kernels, c.channels, ...c.kernel], c.seed + 1);
        const options: Conv2dOptions = {
          stride: c.stride,
          dilation: c.dilation,
          padding: c.padding,
          paddingMode: c.paddingMode,
          bias: randomTensor([c.kernels], c.seed + 2),
          activation: c.activation,
          alpha: 0.125,
        };
        let expected: Tensor;
        try {
          expected = on(referenceKernels, () => conv2d(x, w, options));
        } catch (error) {
          expect(() => onDevice(x, c.resident, (input) => conv2d(input, w, options))).toThrow(
            (error as Error).message,
          );
          return;
        }
        dirtyTheHeap(c.dirt);
        expectSame(
          onDevice(x, c.resident, (input) => conv2d(input, w, options)),
          expected,
        );
        const gradOut = randomTensor([...expected.shape], c.seed + 3);
        const want = on(referenceKernels, () => conv2dBackward(x, w, gradOut, options));
        const got = on(wasm, () =>
          wasmScope(() => {
            const input = c.resident ? toWasm(x) : x;
            const grads = conv2dBackward(input, w, c.resident ? toWasm(gradOut) : gradOut, options);
            for (const t of [grads.dx, grads.dw, grads.db])
              expect(t.location).toBe(c.resident ? 'wasm' : 'js');
            return { dx: fromWasm(grads.dx), dw: fromWasm(grads.dw), db: fromWasm(grads.db) };
          }),
        );
        expectSame(got.dx, want.dx, 1e-4);
        expectSame(got.dw, want.dw, 1e-4);
        expectSame(got.db, want.db, 1e-4);
      }),
      { numRuns: fuzzRuns(300, 0.02) },
    );
  });

  it('backpropagates through its activation: finite differences for smooth ones, reference for all', () => {
    const x = randomTensor([2, 7, 8], 21);
    const w = randomTensor([3, 2, 3, 3], 22);
    const gradOut = randomTensor([3, 7, 8], 23);
    for (const activation of activations) {
      const options: Conv2dOptions = { padding: 'same', bias: [0.1, -0.3, 0.2], activation, alpha: 0.2 };
      const expected = on(referenceKernels, () => conv2dBackward(x, w, gradOut, options));
      const actual = on(wasm, () => conv2dBackward(toWasm(x), w, gradOut, options));
      expectSame(actual.dx, expected.dx, 1e-4);
      expectSame(actual.dw, expected.dw, 1e-4);
      expectSame(actual.db, expected.db, 1e-4);
      if (activation === 'tanh' || activation === 'sigmoid' || activation === 'identity') {
        const numeric = numericalGradient((t) => conv2d(t, w, options), x, gradOut, 1e-2);
        for (let k = 0; k < numeric.length; k++) expect(actual.dx.data[k]).toBeCloseTo(at(numeric, k), 2);
      }
    }
  });
});

describe('pool2d on the WASM device', () => {
  const poolCase = fc.record({
    channels: fc.integer({ min: 1, max: 5 }),
    height: fc.integer({ min: 2, max: 19 }),
    width: fc.integer({ min: 2, max: 27 }),
    kind: fc.constantFrom('max' as const, 'avg' as const),
    window: fc.oneof(
      fc.constant({ size: 2 as const }),
      fc.record({
        size: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
        stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
        padding: fc.constantFrom<Padding>('valid', 'same'),
      }),
    ),
    resident: fc.boolean(),
    dirt: fc.array(fc.integer({ min: 1, max: 4000 }), { maxLength: 4 }),
    seed: fc.integer(),
  });

  it('forward, recorded backward and pool2dBackward match the reference; ties, ±0, NaN, ∞', () => {
    fc.assert(
      fc.property(poolCase, ({ channels, height, width, kind, window, resident, dirt, seed }) => {
        const random = createRandom(seed);
        const specials = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0];
        const data = Float32Array.from({ length: channels * height * width }, () =>
          random() < 0.08 ? at(specials, Math.floor(random() * specials.length)) : Math.floor(random() * 3),
        );
        const x = new Tensor([channels, height, width], data);
        const options: Pool2dOptions = { kind, ...window };
        let expected: Tensor;
        try {
          expected = on(referenceKernels, () => pool2d(x, options));
        } catch {
          return;
        }
        dirtyTheHeap(dirt);
        const actual = onDevice(x, resident, (input) => pool2d(input, options));
        // Same bits, signed zeros included: the kernels keep the reference rules exactly.
        expect(actual.data.every((v, k) => Object.is(v, expected.data[k]))).toBe(true);
        const gradOut = randomTensor([...expected.shape], seed + 1);
        const expectedGrad = on(referenceKernels, () => pool2dBackward(x, gradOut, options));
        const recorded = onDevice(x, resident, (input) => {
          const record = pool2dRecorded(input, options);
          const grad = record.backward(resident ? toWasm(gradOut) : gradOut);
          record.dispose();
          return grad;
        });
        expectSame(recorded, expectedGrad);
        expectSame(
          on(wasm, () => pool2dBackward(x, gradOut, options)),
          expectedGrad,
        );
      }),
      { numRuns: fuzzRuns(250, 0.05) },
    );
  });

  it('averages a window of four −0 to +0, as the reference does (sums start from +0)', () => {
    // Eight columns: four windows in the SIMD body; ten: one more in the scalar tail.
    for (const width of [8, 10]) {
      const x = new Tensor([1, 2, width], new Float32Array(2 * width).fill(-0));
      x.data[2] = 1; // one window that is not all −0, beside the others
      const expected = on(referenceKernels, () => pool2d(x, { kind: 'avg', size: 2 }));
      for (const resident of [false, true]) {
        const actual = onDevice(x, resident, (input) => pool2d(input, { kind: 'avg', size: 2 }));
        expect([...actual.data].map((v) => Object.is(v, -0))).toEqual([...expected.data].map(() => false));
        expect(actual.data.every((v, k) => Object.is(v, expected.data[k]))).toBe(true);
      }
    }
  });

  it('says what went wrong with a gradient of the wrong shape, and a disposed record', () => {
    const record = on(wasm, () =>
      pool2dRecorded(toWasm(randomTensor([2, 6, 6], 1)), { kind: 'max', size: 2 }),
    );
    expect(() => record.backward(randomTensor([2, 2, 3], 2))).toThrow(/gradOut must be 2×3×3/);
    record.dispose();
    record.output.dispose();
  });
});

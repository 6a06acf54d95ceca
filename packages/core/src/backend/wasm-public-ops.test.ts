import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../at';
import type { Padding, PaddingMode } from '../conv-options';
import { type Conv2dOptions, conv2d, conv2dBackward } from '../conv2d';
import { pool2d, pool2dBackward } from '../pool2d';
import { createRandom } from '../random';
import { ready } from '../ready';
import { Tensor } from '../tensor';
import { getKernels, setKernels } from './active-kernels';
import type { ComputeKernels } from './kernels';
import { referenceKernels } from './reference-kernels';

// The public ops must not care which kernels run under them: every option through conv2d, conv2dBackward,
// pool2d and pool2dBackward, once on the reference loops and once on WASM SIMD, switched with setKernels.

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
let wasm: ComputeKernels;
let before: ComputeKernels;

beforeAll(async () => {
  before = getKernels();
  await ready();
  wasm = getKernels();
});
afterAll(() => setKernels(before));

function on<T>(kernels: ComputeKernels, run: () => T): T {
  setKernels(kernels);
  try {
    return run();
  } finally {
    setKernels(before);
  }
}

function randomTensor(shape: number[], seed: number): Tensor {
  const random = createRandom(seed);
  return new Tensor(
    shape,
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random() * 2 - 1),
  );
}

/**
 * Runs `run` on both kernel sets. Option combinations the public op rejects (a kernel larger than the
 * padded input, reflect padding too wide) must be rejected alike, and then there is nothing to compare.
 */
function onBoth<T>(run: () => T): { expected: T; actual: T } | undefined {
  let expected: T;
  try {
    expected = on(referenceKernels, run);
  } catch (error) {
    expect(() => on(wasm, run)).toThrow((error as Error).message);
    return undefined;
  }
  return { expected, actual: on(wasm, run) };
}

function expectClose(actual: Tensor, expected: Tensor, tolerance = 1e-5) {
  expect(actual.shape).toEqual(expected.shape);
  for (let i = 0; i < actual.size; i++) {
    const scale = Math.max(1, Math.abs(at(expected.data, i)));
    expect(Math.abs(at(actual.data, i) - at(expected.data, i)) / scale).toBeLessThan(tolerance);
  }
}

const convCase = fc.record({
  channels: fc.integer({ min: 1, max: 4 }),
  kernels: fc.integer({ min: 1, max: 7 }),
  height: fc.integer({ min: 6, max: 14 }),
  // Narrow rows, and rows around 64 wide, where a JS input is padded row by row (wasm-device-io.ts).
  width: fc.oneof(fc.integer({ min: 6, max: 21 }), fc.integer({ min: 62, max: 70 })),
  kernelHeight: fc.integer({ min: 1, max: 4 }),
  kernelWidth: fc.integer({ min: 1, max: 4 }),
  stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
  dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
  padding: fc.constantFrom<Padding>('valid', 'same', 'full', 1, [1, 2], [0, 2, 1, 0]),
  paddingMode: fc.constantFrom<PaddingMode>('zeros', 'reflect', 'replicate', 'circular'),
  flip: fc.boolean(),
  withBias: fc.boolean(),
  seed: fc.integer(),
});

describe('wasm-simd kernels under the public ops', () => {
  it('conv2d and conv2dBackward match the reference for every option', () => {
    fc.assert(
      fc.property(convCase, (c) => {
        const x = randomTensor([c.channels, c.height, c.width], c.seed);
        const w = randomTensor([c.kernels, c.channels, c.kernelHeight, c.kernelWidth], c.seed + 1);
        const options: Conv2dOptions = {
          stride: c.stride,
          dilation: c.dilation,
          padding: c.padding,
          paddingMode: c.paddingMode,
          flip: c.flip,
          bias: c.withBias ? randomTensor([c.kernels], c.seed + 2) : undefined,
        };
        const forward = onBoth(() => conv2d(x, w, options));
        if (forward === undefined) return;
        const { expected, actual } = forward;
        expectClose(actual, expected);
        const gradOut = randomTensor([...expected.shape], c.seed + 3);
        const expectedGrads = on(referenceKernels, () => conv2dBackward(x, w, gradOut, options));
        const actualGrads = on(wasm, () => conv2dBackward(x, w, gradOut, options));
        expectClose(actualGrads.dx, expectedGrads.dx);
        expectClose(actualGrads.dw, expectedGrads.dw, 1e-4);
        expectClose(actualGrads.db, expectedGrads.db);
      }),
      { numRuns: RUNS },
    );
  });

  it('pool2d and pool2dBackward match the reference, ties and NaN included', () => {
    const poolCase = fc.record({
      channels: fc.integer({ min: 1, max: 3 }),
      height: fc.integer({ min: 4, max: 12 }),
      width: fc.oneof(fc.integer({ min: 4, max: 12 }), fc.integer({ min: 62, max: 70 })),
      kind: fc.constantFrom('max' as const, 'avg' as const),
      size: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      padding: fc.constantFrom<Padding>('valid', 'same', 1),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(poolCase, ({ channels, height, width, seed, ...options }) => {
        const random = createRandom(seed);
        // Few distinct values (ties) and the odd NaN, where first-maximum rules differ most easily.
        const data = Float32Array.from({ length: channels * height * width }, () =>
          random() < 0.03 ? Number.NaN : Math.floor(random() * 3),
        );
        const x = new Tensor([channels, height, width], data);
        const forward = onBoth(() => pool2d(x, options));
        if (forward === undefined) return;
        const { expected, actual } = forward;
        expect([...actual.data]).toEqual([...expected.data]);
        const gradOut = randomTensor([...expected.shape], seed + 1);
        expectClose(
          on(wasm, () => pool2dBackward(x, gradOut, options)),
          on(referenceKernels, () => pool2dBackward(x, gradOut, options)),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('ready() installs the wasm-simd kernels in Node', () => {
    expect(wasm.name).toBe('wasm-simd');
  });
});

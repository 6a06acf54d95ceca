import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getKernels } from '../backend/active-kernels';
import type { PoolGeometry } from '../backend/kernels';
import { referenceKernels } from '../backend/reference-kernels';
import { WasmWorkspace } from '../backend/wasm-workspace';
import { createRandom } from '../random';
import { ready } from '../ready';
import { fuzzRuns, fuzzTimeout } from '../testing/fuzz-budget';
import { NativeMaxPool } from './pool-native';

vi.setConfig({ testTimeout: fuzzTimeout() });

// The training layer's batched max pool (2×2 fast path and general windows) against the reference
// kernels: same values and the same argmax (the first maximum, a NaN winning once), ties included.

beforeAll(async () => {
  await ready();
});

const poolCase = fc
  .record({
    batch: fc.integer({ min: 1, max: 4 }),
    channels: fc.integer({ min: 1, max: 3 }),
    height: fc.integer({ min: 1, max: 13 }),
    width: fc.integer({ min: 1, max: 17 }),
    size: fc.oneof(
      fc.constant<[number, number]>([2, 2]),
      fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
    ),
    stride: fc.oneof(
      fc.constant<[number, number]>([2, 2]),
      fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    ),
    /** Few distinct values make ties; some NaN and ±∞. */
    levels: fc.integer({ min: 2, max: 50 }),
    breaking: fc.array(
      fc.tuple(fc.nat(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)),
      { maxLength: 3 },
    ),
    seed: fc.nat(),
  })
  .filter((c) => c.height >= c.size[0] && c.width >= c.size[1]);

describe('max pooling of a batch on the WASM kernels', () => {
  it('equals the reference values and argmax on random windows, ties, NaN and ±∞', () => {
    const native = getKernels().native;
    if (native === undefined) throw new Error('this test needs the WASM kernels');
    fc.assert(
      fc.property(poolCase, (c) => {
        const g: PoolGeometry = {
          channels: c.channels,
          height: c.height,
          width: c.width,
          sizeY: c.size[0],
          sizeX: c.size[1],
          strideY: c.stride[0],
          strideX: c.stride[1],
          outHeight: Math.floor((c.height - c.size[0]) / c.stride[0]) + 1,
          outWidth: Math.floor((c.width - c.size[1]) / c.stride[1]) + 1,
        };
        const random = createRandom(c.seed);
        const x = Float32Array.from(
          { length: c.batch * c.channels * c.height * c.width },
          () => Math.floor(random() * c.levels) - c.levels / 2,
        );
        for (const [at, v] of c.breaking) x[at % x.length] = v;
        const n = c.batch * c.channels * g.outHeight * g.outWidth;
        const expected = new Float32Array(n);
        const expectedArgmax = new Int32Array(n);
        referenceKernels.maxPool(x, { ...g, channels: c.batch * c.channels }, expected, expectedArgmax);
        const ws = new WasmWorkspace(native);
        const out = new Float32Array(n);
        const argmax = new Int32Array(n);
        new NativeMaxPool(ws, g, c.batch).forward(x, out, argmax, c.batch);
        ws.dispose();
        expect(Array.from(out)).toEqual(Array.from(expected));
        expect(Array.from(argmax)).toEqual(Array.from(expectedArgmax));
      }),
      { numRuns: fuzzRuns(200) },
    );
  });
});

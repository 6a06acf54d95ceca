import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { at } from '../at';
import { createRandom } from '../random';
import type { ComputeKernels, ConvGeometry, PoolGeometry } from './kernels';
import { loadWasmKernels } from './wasm-kernels';

// The WASM kernels against the formulas of kernels.ts written out as the plainest possible loops.

let wasm: ComputeKernels;
beforeAll(async () => {
  const loaded = await loadWasmKernels();
  if (loaded === undefined) throw new Error('this Node has no WebAssembly SIMD');
  wasm = loaded;
});

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

function inputAt(x: Float32Array, g: ConvGeometry, c: number, y: number, xo: number, i: number, j: number) {
  return at(x, (c * g.height + y * g.strideY + i * g.dilationY) * g.width + xo * g.strideX + j * g.dilationX);
}

function naiveForward(x: Float32Array, w: Float32Array, bias: Float32Array | null, g: ConvGeometry) {
  const out = new Float32Array(g.outChannels * g.outHeight * g.outWidth);
  const k = g.kernelHeight * g.kernelWidth;
  for (let o = 0; o < g.outChannels; o++)
    for (let y = 0; y < g.outHeight; y++)
      for (let xo = 0; xo < g.outWidth; xo++) {
        let sum = bias === null ? 0 : at(bias, o);
        for (let c = 0; c < g.channels; c++)
          for (let i = 0; i < g.kernelHeight; i++)
            for (let j = 0; j < g.kernelWidth; j++)
              sum += at(w, (o * g.channels + c) * k + i * g.kernelWidth + j) * inputAt(x, g, c, y, xo, i, j);
        out[(o * g.outHeight + y) * g.outWidth + xo] = sum;
      }
  return out;
}

function naiveBackward(x: Float32Array, w: Float32Array, gradOut: Float32Array, g: ConvGeometry) {
  const dx = new Float64Array(x.length);
  const dw = new Float64Array(w.length);
  const k = g.kernelHeight * g.kernelWidth;
  for (let o = 0; o < g.outChannels; o++)
    for (let y = 0; y < g.outHeight; y++)
      for (let xo = 0; xo < g.outWidth; xo++) {
        const grad = at(gradOut, (o * g.outHeight + y) * g.outWidth + xo);
        for (let c = 0; c < g.channels; c++)
          for (let i = 0; i < g.kernelHeight; i++)
            for (let j = 0; j < g.kernelWidth; j++) {
              const wi = (o * g.channels + c) * k + i * g.kernelWidth + j;
              const xi =
                (c * g.height + y * g.strideY + i * g.dilationY) * g.width + xo * g.strideX + j * g.dilationX;
              dx[xi] = at(dx, xi) + at(w, wi) * grad;
              dw[wi] = at(dw, wi) + at(x, xi) * grad;
            }
      }
  return { dx: Float32Array.from(dx), dw: Float32Array.from(dw) };
}

const convGeometry = fc
  .record({
    channels: fc.integer({ min: 1, max: 5 }),
    outChannels: fc.integer({ min: 1, max: 9 }),
    kernelHeight: fc.integer({ min: 1, max: 5 }),
    kernelWidth: fc.integer({ min: 1, max: 5 }),
    strideY: fc.integer({ min: 1, max: 3 }),
    strideX: fc.integer({ min: 1, max: 3 }),
    dilationY: fc.integer({ min: 1, max: 3 }),
    dilationX: fc.integer({ min: 1, max: 3 }),
    outHeight: fc.integer({ min: 1, max: 9 }),
    outWidth: fc.integer({ min: 1, max: 37 }),
    extraRows: fc.integer({ min: 0, max: 2 }),
    extraColumns: fc.integer({ min: 0, max: 2 }),
    seed: fc.integer(),
  })
  .map(({ extraRows, extraColumns, seed, ...g }) => {
    // Inputs sized so the walk fits, plus leftover rows/columns the stride never reaches.
    const height = (g.outHeight - 1) * g.strideY + (g.kernelHeight - 1) * g.dilationY + 1 + extraRows;
    const width = (g.outWidth - 1) * g.strideX + (g.kernelWidth - 1) * g.dilationX + 1 + extraColumns;
    return { geometry: { ...g, height, width } satisfies ConvGeometry, seed };
  });

function randomArray(length: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length }, () => random() * 2 - 1);
}

function expectClose(actual: Float32Array, expected: Float32Array, tolerance = 1e-5) {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const scale = Math.max(1, Math.abs(at(expected, i)));
    worst = Math.max(worst, Math.abs(at(actual, i) - at(expected, i)) / scale);
  }
  expect(worst).toBeLessThan(tolerance);
}

describe('wasm-simd conv kernels', () => {
  it('compute the forward sum of every stride, dilation, kernel shape, bias and width', () => {
    fc.assert(
      fc.property(convGeometry, fc.boolean(), ({ geometry: g, seed }, withBias) => {
        const x = randomArray(g.channels * g.height * g.width, seed);
        const w = randomArray(g.outChannels * g.channels * g.kernelHeight * g.kernelWidth, seed + 1);
        const bias = withBias ? randomArray(g.outChannels, seed + 2) : null;
        const out = new Float32Array(g.outChannels * g.outHeight * g.outWidth).fill(Number.NaN);
        wasm.convForward(x, w, bias, g, out);
        expectClose(out, naiveForward(x, w, bias, g));
      }),
      { numRuns: RUNS },
    );
  });

  it('compute both gradients for every stride, dilation and kernel shape', () => {
    fc.assert(
      fc.property(convGeometry, ({ geometry: g, seed }) => {
        const x = randomArray(g.channels * g.height * g.width, seed);
        const w = randomArray(g.outChannels * g.channels * g.kernelHeight * g.kernelWidth, seed + 1);
        const gradOut = randomArray(g.outChannels * g.outHeight * g.outWidth, seed + 2);
        const dx = new Float32Array(x.length).fill(Number.NaN);
        const dw = new Float32Array(w.length).fill(Number.NaN);
        wasm.convBackwardInput(gradOut, w, g, dx);
        wasm.convBackwardWeights(x, gradOut, g, dw);
        const expected = naiveBackward(x, w, gradOut, g);
        expectClose(dx, expected.dx);
        expectClose(dw, expected.dw, 1e-4);
      }),
      { numRuns: RUNS },
    );
  });

  it('works a 1-channel 3×3 example by hand', () => {
    // x = 1..16 in a 4×4 grid, w = the 3×3 "center minus right neighbour" kernel: out = x[y+1][x+1] − x[y+1][x+2].
    const g: ConvGeometry = {
      channels: 1,
      height: 4,
      width: 4,
      outChannels: 1,
      kernelHeight: 3,
      kernelWidth: 3,
      strideY: 1,
      strideX: 1,
      dilationY: 1,
      dilationX: 1,
      outHeight: 2,
      outWidth: 2,
    };
    const x = Float32Array.from({ length: 16 }, (_, i) => i + 1);
    const w = Float32Array.of(0, 0, 0, 0, 1, -1, 0, 0, 0);
    const out = new Float32Array(4);
    wasm.convForward(x, w, Float32Array.of(10), g, out);
    expect([...out]).toEqual([9, 9, 9, 9]);
  });

  it('survives a call much larger than the last one (memory grows, views refresh)', () => {
    const small = { channels: 1, height: 3, width: 3, outChannels: 1, kernelHeight: 3, kernelWidth: 3 };
    const unit = { strideY: 1, strideX: 1, dilationY: 1, dilationX: 1 };
    const g1: ConvGeometry = { ...small, ...unit, outHeight: 1, outWidth: 1 };
    const out1 = new Float32Array(1);
    wasm.convForward(new Float32Array(9).fill(1), new Float32Array(9).fill(1), null, g1, out1);
    expect(out1[0]).toBe(9);
    const g2: ConvGeometry = { ...g1, channels: 8, height: 402, width: 402, outHeight: 400, outWidth: 400 };
    const out2 = new Float32Array(400 * 400);
    wasm.convForward(new Float32Array(8 * 402 * 402).fill(0.5), new Float32Array(72).fill(1), null, g2, out2);
    expect(out2.every((v) => v === 36)).toBe(true);
  });
});

describe('wasm-simd pool kernels', () => {
  const poolGeometry = fc
    .record({
      channels: fc.integer({ min: 1, max: 4 }),
      sizeY: fc.integer({ min: 1, max: 4 }),
      sizeX: fc.integer({ min: 1, max: 4 }),
      strideY: fc.integer({ min: 1, max: 4 }),
      strideX: fc.integer({ min: 1, max: 4 }),
      outHeight: fc.integer({ min: 1, max: 7 }),
      outWidth: fc.integer({ min: 1, max: 7 }),
      seed: fc.integer(),
    })
    .map(({ seed, ...g }) => ({
      geometry: {
        ...g,
        height: (g.outHeight - 1) * g.strideY + g.sizeY,
        width: (g.outWidth - 1) * g.strideX + g.sizeX,
      } satisfies PoolGeometry,
      seed,
    }));

  it('find each window max and the first index holding it, and each window sum', () => {
    fc.assert(
      fc.property(poolGeometry, ({ geometry: g, seed }) => {
        // Few distinct values, so ties are common and "first maximum" is really tested.
        const random = createRandom(seed);
        const x = Float32Array.from({ length: g.channels * g.height * g.width }, () =>
          Math.floor(random() * 4),
        );
        const size = g.channels * g.outHeight * g.outWidth;
        const max = new Float32Array(size);
        const argmax = new Int32Array(size);
        const sum = new Float32Array(size);
        wasm.maxPool(x, g, max, argmax);
        wasm.sumPool(x, g, sum);
        let k = 0;
        for (let c = 0; c < g.channels; c++)
          for (let y = 0; y < g.outHeight; y++)
            for (let xo = 0; xo < g.outWidth; xo++, k++) {
              const cells: number[] = [];
              for (let i = 0; i < g.sizeY; i++)
                for (let j = 0; j < g.sizeX; j++)
                  cells.push((c * g.height + y * g.strideY + i) * g.width + xo * g.strideX + j);
              const values = cells.map((index) => at(x, index));
              const best = Math.max(...values);
              expect(max[k]).toBe(best);
              expect(argmax[k]).toBe(cells[values.indexOf(best)]);
              expect(sum[k]).toBe(values.reduce((a, b) => a + b, 0));
            }
      }),
      { numRuns: RUNS },
    );
  });
});

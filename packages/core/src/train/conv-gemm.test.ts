import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getKernels } from '../backend/active-kernels';
import type { ConvGeometry } from '../backend/kernels';
import { referenceKernels } from '../backend/reference-kernels';
import { WasmWorkspace } from '../backend/wasm-workspace';
import { padImage, unpadGradient } from '../pad';
import { createRandom } from '../random';
import { ready } from '../ready';
import { fuzzRuns, fuzzTimeout } from '../testing/fuzz-budget';
import { ConvGemm } from './conv-gemm';
import { type LayerParams, params } from './layers';

vi.setConfig({ testTimeout: fuzzTimeout() });

// The batched im2col + gemm conv (forward, weight and input gradients) against the reference kernels run
// one example at a time, over random shapes with stride, dilation and padding; across growth of the WASM
// memory between passes, blocks reused after dispose, and NaN / ±∞ in the data.

interface Case {
  readonly batch: number;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  readonly outChannels: number;
  readonly kernel: [number, number];
  readonly stride: [number, number];
  readonly dilation: [number, number];
  readonly pad: [number, number, number, number];
  readonly relu: boolean;
  readonly forwardLoop: 'direct' | 'gemm';
  readonly inputGradient: 'direct' | 'gemm';
  /** Small caps cut the batch into several column matrices, down to one example each. */
  readonly columnFloats: number | undefined;
  readonly seed: number;
}

const caseArbitrary: fc.Arbitrary<Case> = fc
  .record({
    batch: fc.integer({ min: 1, max: 4 }),
    channels: fc.integer({ min: 1, max: 4 }),
    height: fc.integer({ min: 1, max: 11 }),
    width: fc.integer({ min: 1, max: 13 }),
    outChannels: fc.integer({ min: 1, max: 9 }),
    kernel: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
    stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    dilation: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    pad: fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2)),
    relu: fc.boolean(),
    forwardLoop: fc.constantFrom<'direct' | 'gemm'>('direct', 'gemm'),
    inputGradient: fc.constantFrom<'direct' | 'gemm'>('direct', 'gemm'),
    columnFloats: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
    seed: fc.nat(),
  })
  .filter((c) => geometryOf(c) !== undefined);

function geometryOf(c: Case): ConvGeometry | undefined {
  const height = c.height + c.pad[0] + c.pad[1];
  const width = c.width + c.pad[2] + c.pad[3];
  const outHeight = Math.floor((height - (c.kernel[0] - 1) * c.dilation[0] - 1) / c.stride[0]) + 1;
  const outWidth = Math.floor((width - (c.kernel[1] - 1) * c.dilation[1] - 1) / c.stride[1]) + 1;
  if (outHeight < 1 || outWidth < 1) return undefined;
  return {
    channels: c.channels,
    height,
    width,
    outChannels: c.outChannels,
    kernelHeight: c.kernel[0],
    kernelWidth: c.kernel[1],
    strideY: c.stride[0],
    strideX: c.stride[1],
    dilationY: c.dilation[0],
    dilationX: c.dilation[1],
    outHeight,
    outWidth,
  };
}

function values(count: number, random: () => number): Float32Array {
  return Float32Array.from({ length: count }, () => random() * 2 - 1);
}

interface Expected {
  readonly out: Float32Array;
  readonly dw: Float32Array;
  readonly db: Float32Array;
  readonly dx: Float32Array;
}

/** The reference kernels, one example at a time, with the padding and relu done here by hand. */
function reference(
  c: Case,
  g: ConvGeometry,
  x: Float32Array,
  p: LayerParams,
  gradOut: Float32Array,
): Expected {
  const inSize = c.channels * c.height * c.width;
  const outSize = g.outChannels * g.outHeight * g.outWidth;
  const plane = g.outHeight * g.outWidth;
  const pads = { top: c.pad[0], bottom: c.pad[1], left: c.pad[2], right: c.pad[3] };
  const out = new Float32Array(c.batch * outSize);
  const dw = new Float32Array(p.weights.length);
  const db = new Float32Array(g.outChannels);
  const dx = new Float32Array(c.batch * inSize);
  for (let b = 0; b < c.batch; b++) {
    const padded = padImage(
      x.subarray(b * inSize, (b + 1) * inSize),
      c.channels,
      c.height,
      c.width,
      pads,
      'zeros',
    );
    const o = out.subarray(b * outSize, (b + 1) * outSize);
    referenceKernels.convForward(padded, p.weights, p.bias, g, o);
    const grad = gradOut.slice(b * outSize, (b + 1) * outSize);
    for (let k = 0; k < outSize; k++) {
      if (c.relu && (o[k] as number) < 0) o[k] = 0;
      if (c.relu && (o[k] as number) <= 0) grad[k] = 0;
    }
    for (let k = 0; k < outSize; k++) {
      const d = Math.floor(k / plane);
      db[d] = (db[d] ?? 0) + (grad[k] ?? 0);
    }
    const dwOne = new Float32Array(dw.length);
    referenceKernels.convBackwardWeights(padded, grad, g, dwOne);
    for (let k = 0; k < dw.length; k++) dw[k] = (dw[k] as number) + (dwOne[k] as number);
    const dxPadded = new Float32Array(padded.length);
    referenceKernels.convBackwardInput(grad, p.weights, g, dxPadded);
    dx.set(unpadGradient(dxPadded, c.channels, c.height, c.width, pads, 'zeros'), b * inSize);
  }
  return { out, dw, db, dx };
}

function expectClose(actual: Float32Array, expected: Float32Array, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) {
    const a = actual[k] as number;
    const e = expected[k] as number;
    if (Number.isNaN(e)) {
      if (!Number.isNaN(a)) expect.fail(`${what}[${k}]: got ${a}, expected NaN`);
    } else if (!Number.isFinite(e)) {
      if (a !== e) expect.fail(`${what}[${k}]: got ${a}, expected ${e}`);
    } else if (!(Math.abs(a - e) <= 1e-4 * Math.max(1, Math.abs(e)))) {
      expect.fail(`${what}[${k}]: got ${a}, expected ${e}`);
    }
  }
}

/** Runs one forward + backward through ConvGemm; `between` runs after the forward (e.g. grows memory). */
function runGemm(
  ws: WasmWorkspace,
  c: Case,
  g: ConvGeometry,
  x: Float32Array,
  p: LayerParams,
  gradOut: Float32Array,
  between = () => {},
): Expected {
  const gemm = new ConvGemm(ws, g, c.pad, [c.channels, c.height, c.width], c.relu, {
    forwardLoop: c.forwardLoop,
    inputGradient: c.inputGradient,
    columnFloats: c.columnFloats,
  });
  const out = new Float32Array(c.batch * g.outChannels * g.outHeight * g.outWidth);
  gemm.forward(x, out, c.batch, p);
  between();
  p.gradWeights.fill(0);
  p.gradBias.fill(0);
  const dx = new Float32Array(x.length);
  gemm.backward(gradOut, dx, c.batch, p);
  return { out, dw: p.gradWeights.slice(), db: p.gradBias.slice(), dx };
}

function inputs(c: Case, g: ConvGeometry) {
  const random = createRandom(c.seed);
  const x = values(c.batch * c.channels * c.height * c.width, random);
  const p = params('conv', [g.outChannels, g.channels, g.kernelHeight, g.kernelWidth], g.outChannels, 1, 1);
  p.weights.set(values(p.weights.length, random));
  p.bias.set(values(p.bias.length, random));
  const gradOut = values(c.batch * g.outChannels * g.outHeight * g.outWidth, random);
  return { x, p, gradOut };
}

beforeAll(async () => {
  await ready();
});

function workspace(): WasmWorkspace {
  const native = getKernels().native;
  if (native === undefined) throw new Error('these tests need the WASM kernels');
  return new WasmWorkspace(native);
}

function expectSame(actual: Expected, expected: Expected): void {
  expectClose(actual.out, expected.out, 'out');
  expectClose(actual.dw, expected.dw, 'dw');
  expectClose(actual.db, expected.db, 'db');
  expectClose(actual.dx, expected.dx, 'dx');
}

describe('conv as im2col + gemm over a batch', () => {
  it('equals the reference kernels on random shapes (stride, dilation, padding, relu)', () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const g = geometryOf(c) as ConvGeometry;
        const { x, p, gradOut } = inputs(c, g);
        const expected = reference(c, g, x, p, gradOut);
        const ws = workspace();
        expectSame(runGemm(ws, c, g, x, p, gradOut), expected);
        ws.dispose();
      }),
      { numRuns: fuzzRuns(150) },
    );
  });

  it('holds when the memory grows between forward and backward, and in blocks reused after dispose', () => {
    const native = getKernels().native;
    fc.assert(
      fc.property(caseArbitrary, fc.integer({ min: 1, max: 64 }), (c, megabytes) => {
        const g = geometryOf(c) as ConvGeometry;
        const { x, p, gradOut } = inputs(c, g);
        const expected = reference(c, g, x, p, gradOut);
        // Dirty blocks: a freed workspace full of NaN hands its addresses to the next one.
        const dirty = workspace();
        dirty.reserve('junk', 4096);
        dirty.floats('junk', 4096).fill(Number.NaN);
        dirty.dispose();
        const ws = workspace();
        const grow = () => {
          const big = native?.heap.allocate((megabytes << 20) >>> 2) as number;
          native?.heap.free(big);
        };
        expectSame(runGemm(ws, c, g, x, p, gradOut, grow), expected);
        ws.dispose();
      }),
      { numRuns: fuzzRuns(25) },
    );
  });

  it('NaN and ±∞ in the input and weights land where the reference puts them', () => {
    fc.assert(
      fc.property(
        caseArbitrary,
        fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
        fc.nat(),
        fc.boolean(),
        (c, bad, at, inWeights) => {
          const g = geometryOf(c) as ConvGeometry;
          const { x, p, gradOut } = inputs(c, g);
          if (inWeights) p.weights[at % p.weights.length] = bad;
          else x[at % x.length] = bad;
          const expected = reference(c, g, x, p, gradOut);
          const ws = workspace();
          expectSame(runGemm(ws, c, g, x, p, gradOut), expected);
          ws.dispose();
        },
      ),
      { numRuns: fuzzRuns(100) },
    );
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { at } from './at';
import { getKernels, setKernels } from './backend/active-kernels';
import type { ComputeKernels } from './backend/kernels';
import { referenceKernels } from './backend/reference-kernels';
import { loadWasmKernels } from './backend/wasm-kernels';
import { type PaddingMode, resolvePads } from './conv-options';
import { conv2d } from './conv2d';
import { pool2d } from './pool2d';
import { ShapeError } from './shape-errors';
import { Tensor } from './tensor';
import { breakingNumber } from './testing/breaking-number';
import { fuzzRuns, fuzzTimeout } from './testing/fuzz-budget';

/**
 * conv2d and pool2d with numbers and options that break math: NaN, ±Infinity, −0, 1e38, empty and 1×1
 * images, 0-size kernels, options of the wrong type. Each call ends in a ShapeError, or in an output whose
 * every cell matches a float64 loop written here from the definition — NaN wherever a NaN was in the window
 * (honest), close to the loop wherever the inputs were moderate. Both backends are attacked.
 */

vi.setConfig({ testTimeout: fuzzTimeout() });

const value = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -4, max: 4 }) },
  { weight: 1, arbitrary: breakingNumber },
);
const axisOption = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      0,
      -1,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '2',
      null,
      [1],
      [1, 2, 3],
    ),
  },
);
const paddingOption = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<unknown>('valid', 'same', 'full') },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })) },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(-1, 0.5, Number.NaN, 'SAME', {}, [1, 2, 3], undefined) },
);

function tensorOf(shape: readonly number[]): fc.Arbitrary<Tensor> {
  const size = shape.reduce((a, b) => a * b, 1);
  return fc
    .array(value, { minLength: size, maxLength: size })
    .map((values) => new Tensor(shape, Float32Array.from(values)));
}

const convCase = fc
  .record({
    c: fc.integer({ min: 0, max: 2 }),
    h: fc.integer({ min: 0, max: 5 }),
    w: fc.integer({ min: 0, max: 5 }),
    o: fc.integer({ min: 0, max: 2 }),
    kh: fc.integer({ min: 0, max: 3 }),
    kw: fc.integer({ min: 0, max: 3 }),
  })
  .chain(({ c, h, w, o, kh, kw }) =>
    fc.record({
      x: tensorOf([c, h, w]),
      weights: tensorOf([o, c, kh, kw]),
      bias: fc.option(fc.array(value, { minLength: o, maxLength: o }), { nil: undefined }),
      stride: fc.option(axisOption, { nil: undefined }),
      dilation: fc.option(axisOption, { nil: undefined }),
      padding: fc.option(paddingOption, { nil: undefined }),
      paddingMode: fc.constantFrom<unknown>('zeros', 'reflect', 'replicate', 'circular', 'mirror'),
      flip: fc.boolean(),
    }),
  );

/** Where padded position `i` of an axis of length `n` reads from, or -1 for a zero. */
function sourceIndex(i: number, n: number, mode: PaddingMode): number {
  if (i >= 0 && i < n) return i;
  if (mode === 'zeros') return -1;
  if (mode === 'replicate') return Math.min(Math.max(i, 0), n - 1);
  if (mode === 'circular') return ((i % n) + n) % n;
  return i < 0 ? -i : 2 * (n - 1) - i; // reflect, without repeating the edge
}

/** Each output as [float64 sum, whether a NaN took part, whether every term was moderate]. */
function referenceConv(
  call: { x: Tensor; weights: Tensor; bias?: number[] | undefined; flip: boolean },
  out: Tensor,
  plan: Plan,
): void {
  const [channels = 0, height = 0, width = 0] = call.x.shape;
  const [kernels = 0, , kh = 0, kw = 0] = call.weights.shape;
  const [, outH = 0, outW = 0] = out.shape;
  for (let o = 0; o < kernels; o++) {
    for (let y = 0; y < outH; y++) {
      for (let x = 0; x < outW; x++) {
        const b = call.bias?.[o] ?? 0;
        let sum = b;
        let nan = Number.isNaN(b);
        let moderate = Math.abs(b) <= 4;
        for (let c = 0; c < channels; c++) {
          for (let i = 0; i < kh; i++) {
            for (let j = 0; j < kw; j++) {
              const row = sourceIndex(y * plan.sy + i * plan.dy - plan.top, height, plan.mode);
              const col = sourceIndex(x * plan.sx + j * plan.dx - plan.left, width, plan.mode);
              const pixel = row < 0 || col < 0 ? 0 : at(call.x.data, (c * height + row) * width + col);
              const [wi, wj] = call.flip ? [kh - 1 - i, kw - 1 - j] : [i, j];
              const weight = at(call.weights.data, ((o * channels + c) * kh + wi) * kw + wj);
              nan ||= Number.isNaN(pixel) || Number.isNaN(weight);
              moderate &&= Math.abs(pixel) <= 4 && Math.abs(weight) <= 4;
              sum += pixel * weight;
            }
          }
        }
        const got = at(out.data, (o * outH + y) * outW + x);
        const where = `output [${o}, ${y}, ${x}]`;
        if (nan) expect(got, `${where} should be NaN: a NaN was in its window`).toBeNaN();
        else if (moderate) expect(got, where).toBeCloseTo(sum, 3);
      }
    }
  }
}

interface Plan {
  readonly sy: number;
  readonly sx: number;
  readonly dy: number;
  readonly dx: number;
  readonly top: number;
  readonly left: number;
  readonly mode: PaddingMode;
}

const pair = (v: unknown): [number, number] =>
  Array.isArray(v) ? [v[0], v[1]] : [Number(v ?? 1), Number(v ?? 1)];

/** Runs `attempt`; a ShapeError is an allowed refusal, any other exception fails the property. */
function refusedOr<T>(attempt: () => T): T | undefined {
  try {
    return attempt();
  } catch (error) {
    if (error instanceof ShapeError) return undefined;
    throw error;
  }
}

const backends: [string, () => Promise<ComputeKernels | undefined>][] = [
  ['reference', async () => referenceKernels],
  ['wasm', loadWasmKernels],
];

describe.each(backends)('conv2d and pool2d on the %s kernels under fuzzing', (_name, load) => {
  const previous = getKernels();
  let available = true;
  beforeAll(async () => {
    const kernels = await load();
    if (kernels === undefined) available = false;
    else setKernels(kernels);
  });
  afterAll(() => setKernels(previous));

  it('conv2d: a ShapeError, or every output cell honest about NaN and right where inputs are moderate', () => {
    if (!available) return;
    fc.assert(
      fc.property(convCase, (call) => {
        const options = {
          stride: call.stride,
          dilation: call.dilation,
          padding: call.padding,
          paddingMode: call.paddingMode,
          flip: call.flip,
          bias: call.bias,
        } as Parameters<typeof conv2d>[2];
        const out = refusedOr(() => conv2d(call.x, call.weights, options));
        if (out === undefined) return;
        const [sy, sx] = pair(call.stride);
        const [dy, dx] = pair(call.dilation);
        const [, , kh = 0, kw = 0] = call.weights.shape;
        const [, h = 0, w = 0] = call.x.shape;
        const pads = resolvePads(
          'test',
          options?.padding,
          [h, w],
          [(kh - 1) * dy + 1, (kw - 1) * dx + 1],
          [sy, sx],
        );
        expect(out.shape).toEqual([call.weights.shape[0], out.shape[1], out.shape[2]]);
        const plan = {
          sy,
          sx,
          dy,
          dx,
          top: pads.top,
          left: pads.left,
          mode: call.paddingMode as PaddingMode,
        };
        referenceConv(call, out, plan);
      }),
      { numRuns: fuzzRuns(1500, 0.05) },
    );
  });

  it('pool2d: a ShapeError, or NaN wherever a window held one and the true max or mean elsewhere', () => {
    if (!available) return;
    const poolCase = fc
      .record({
        c: fc.integer({ min: 0, max: 2 }),
        h: fc.integer({ min: 0, max: 5 }),
        w: fc.integer({ min: 0, max: 5 }),
      })
      .chain(({ c, h, w }) =>
        fc.record({
          x: tensorOf([c, h, w]),
          kind: fc.constantFrom<unknown>('max', 'avg', 'min'),
          size: axisOption,
          stride: fc.option(axisOption, { nil: undefined }),
          padding: fc.option(paddingOption, { nil: undefined }),
        }),
      );
    fc.assert(
      fc.property(poolCase, (call) => {
        const options = {
          kind: call.kind,
          size: call.size,
          stride: call.stride,
          padding: call.padding,
        } as Parameters<typeof pool2d>[1];
        const out = refusedOr(() => pool2d(call.x, options));
        if (out === undefined) return;
        checkPool(call.x, out, options);
      }),
      { numRuns: fuzzRuns(1500, 0.05) },
    );
  });
});

function checkPool(x: Tensor, out: Tensor, options: Parameters<typeof pool2d>[1]): void {
  const [channels = 0, height = 0, width = 0] = x.shape;
  const [, outH = 0, outW = 0] = out.shape;
  const [sizeY, sizeX] = pair(options.size);
  const [sy, sx] = pair(options.stride ?? options.size); // pool2d's own default, null included
  const pads = resolvePads('test', options.padding, [height, width], [sizeY, sizeX], [sy, sx]);
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < outH; y++) {
      for (let xo = 0; xo < outW; xo++) {
        const cells: number[] = [];
        for (let i = 0; i < sizeY; i++) {
          for (let j = 0; j < sizeX; j++) {
            const row = y * sy + i - pads.top;
            const col = xo * sx + j - pads.left;
            if (row >= 0 && row < height && col >= 0 && col < width)
              cells.push(at(x.data, (c * height + row) * width + col));
          }
        }
        const got = at(out.data, (c * outH + y) * outW + xo);
        const where = `output [${c}, ${y}, ${xo}] over ${JSON.stringify(cells)}`;
        expect(cells.length, `${where}: every window must see a real cell`).toBeGreaterThan(0);
        if (cells.some(Number.isNaN)) expect(got, `${where} should be NaN`).toBeNaN();
        else if (options.kind === 'max')
          expect(got + 0, where).toBe(Math.max(...cells) + 0); // + 0: −0 and 0 tie
        else if (cells.every((v) => Math.abs(v) <= 4)) {
          expect(got, where).toBeCloseTo(cells.reduce((a, b) => a + b, 0) / cells.length, 4);
        }
      }
    }
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at } from './at';
import type { PaddingMode } from './conv-options';
import { type Conv2dOptions, conv2d } from './conv2d';
import { Tensor } from './tensor';

const runs = Number(process.env.FUZZ_RUNS ?? 150);

// Small integers keep every sum exactly representable in float32, so the properties hold with toEqual.
const smallInts = (length: number) =>
  fc.array(fc.integer({ min: -4, max: 4 }), { minLength: length, maxLength: length });

/** A random conv problem: shapes, options that fit them, and integer data for x, x2, w, w2. */
const problem = fc
  .record({
    channels: fc.integer({ min: 1, max: 2 }),
    kernels: fc.integer({ min: 1, max: 2 }),
    height: fc.integer({ min: 3, max: 6 }),
    width: fc.integer({ min: 3, max: 6 }),
    kh: fc.integer({ min: 1, max: 3 }),
    kw: fc.integer({ min: 1, max: 3 }),
    stride: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
    padding: fc.constantFrom<'same' | 'full' | 'valid'>('same', 'full', 'valid'),
    paddingMode: fc.constantFrom<PaddingMode>('zeros', 'reflect', 'replicate', 'circular'),
    flip: fc.boolean(),
  })
  // Reflect needs pads below the size; 'full' with a 3-tap kernel pads 2, so demand room for it.
  .filter((p) => p.paddingMode !== 'reflect' || (p.kh < p.height && p.kw < p.width))
  .chain((p) => {
    const xSize = p.channels * p.height * p.width;
    const wSize = p.kernels * p.channels * p.kh * p.kw;
    return fc.record({
      p: fc.constant(p),
      x: smallInts(xSize),
      x2: smallInts(xSize),
      w: smallInts(wSize),
      w2: smallInts(wSize),
      a: fc.integer({ min: -3, max: 3 }),
      b: fc.integer({ min: -3, max: 3 }),
    });
  });

const combine = (a: number, u: number[], b: number, v: number[]) =>
  u.map((value, i) => a * value + b * at(v, i));
const scaleAdd = (a: number, u: Tensor, b: number, v: Tensor) =>
  plain([...u.data].map((value, i) => a * value + b * at(v.data, i)));
/** Adding +0 turns −0 into 0: the sign of a zero sum depends on summation order, not on correctness. */
const plain = (values: Iterable<number>) => Array.from(values, (v) => v + 0);

describe('conv2d properties', () => {
  it('is linear in the input and in the kernels, under every option', () => {
    fc.assert(
      fc.property(problem, ({ p, x, x2, w, w2, a, b }) => {
        const xShape = [p.channels, p.height, p.width];
        const wShape = [p.kernels, p.channels, p.kh, p.kw];
        const options: Conv2dOptions = {
          stride: p.stride,
          padding: p.padding,
          paddingMode: p.paddingMode,
          flip: p.flip,
        };
        const run = (xs: number[], ws: number[]) =>
          conv2d(
            new Tensor(xShape, Float32Array.from(xs)),
            new Tensor(wShape, Float32Array.from(ws)),
            options,
          );
        expect(plain(run(combine(a, x, b, x2), w).data)).toEqual(scaleAdd(a, run(x, w), b, run(x2, w)));
        expect(plain(run(x, combine(a, w, b, w2)).data)).toEqual(scaleAdd(a, run(x, w), b, run(x, w2)));
      }),
      { numRuns: runs },
    );
  });

  it('with flip: true equals cross-correlation with each kernel rotated 180°', () => {
    fc.assert(
      fc.property(problem, ({ p, x, w }) => {
        const xt = new Tensor([p.channels, p.height, p.width], Float32Array.from(x));
        const nested = new Tensor(
          [p.kernels, p.channels, p.kh, p.kw],
          Float32Array.from(w),
        ).toArray() as number[][][][];
        const rotated = nested.map((bank) =>
          bank.map((kernel) => kernel.toReversed().map((row) => row.toReversed())),
        );
        const options: Conv2dOptions = { stride: p.stride, padding: p.padding, paddingMode: p.paddingMode };
        const flipped = conv2d(xt, new Tensor([p.kernels, p.channels, p.kh, p.kw], Float32Array.from(w)), {
          ...options,
          flip: true,
        });
        const correlated = conv2d(
          xt,
          new Tensor([p.kernels, p.channels, p.kh, p.kw], Float32Array.from(rotated.flat(3))),
          options,
        );
        expect(flipped.toArray()).toEqual(correlated.toArray());
      }),
      { numRuns: runs },
    );
  });

  it("with circular 'same' padding, shifting the input circularly shifts the output the same way", () => {
    const shiftProblem = problem.chain((q) =>
      fc.record({ q: fc.constant(q), dy: fc.nat(q.p.height - 1), dx: fc.nat(q.p.width - 1) }),
    );
    fc.assert(
      fc.property(shiftProblem, ({ q: { p, x, w }, dy, dx }) => {
        const { channels: c, height: h, width: wd } = p;
        const roll = (data: ArrayLike<number>, channels: number) => {
          const out = new Float32Array(channels * h * wd);
          for (let ch = 0; ch < channels; ch++)
            for (let y = 0; y < h; y++)
              for (let xx = 0; xx < wd; xx++)
                out[(ch * h + ((y + dy) % h)) * wd + ((xx + dx) % wd)] = at(data, (ch * h + y) * wd + xx);
          return out;
        };
        const options: Conv2dOptions = { padding: 'same', paddingMode: 'circular', flip: p.flip };
        const kernels = new Tensor([p.kernels, c, p.kh, p.kw], Float32Array.from(w));
        const out = conv2d(new Tensor([c, h, wd], Float32Array.from(x)), kernels, options);
        const outOfShifted = conv2d(new Tensor([c, h, wd], roll(x, c)), kernels, options);
        expect([...outOfShifted.data]).toEqual([...roll(out.data, p.kernels)]);
      }),
      { numRuns: runs },
    );
  });
});

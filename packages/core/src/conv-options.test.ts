import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conv2dOutputSize, effectiveKernelSize, type Padding } from './conv-options';
import { outputLength, resolvePadding } from './output-size';

// Dumoulin & Visin, "A guide to convolution arithmetic": o = floor((i + 2p − k) / s) + 1, with the
// dilated kernel k̂ = k + (k − 1)(d − 1) in place of k. Each row is worked by hand from that formula.
describe('conv2dOutputSize follows the convolution-arithmetic relationships', () => {
  const cases: { i: number; k: number; s: number; p: number; d: number; o: number }[] = [
    { i: 4, k: 3, s: 1, p: 0, d: 1, o: 2 }, // no padding, unit stride
    { i: 5, k: 4, s: 1, p: 2, d: 1, o: 6 }, // arbitrary padding: 5 + 4 − 4 + 1
    { i: 5, k: 3, s: 1, p: 1, d: 1, o: 5 }, // half padding keeps the size
    { i: 5, k: 3, s: 1, p: 2, d: 1, o: 7 }, // full padding grows by k − 1
    { i: 5, k: 3, s: 2, p: 0, d: 1, o: 2 }, // floor(2 / 2) + 1
    { i: 5, k: 3, s: 2, p: 1, d: 1, o: 3 },
    { i: 6, k: 3, s: 2, p: 1, d: 1, o: 3 }, // floor(5 / 2) + 1: the last row is dropped
    { i: 7, k: 3, s: 1, p: 0, d: 2, o: 3 }, // k̂ = 5
    { i: 32, k: 5, s: 1, p: 0, d: 1, o: 28 },
    { i: 227, k: 11, s: 4, p: 0, d: 1, o: 55 }, // AlexNet's first layer
  ];
  it.each(cases)('i=$i k=$k s=$s p=$p d=$d gives o=$o', ({ i, k, s, p, d, o }) => {
    const size = conv2dOutputSize([i, i], [k, k], { stride: s, padding: p, dilation: d });
    expect([size.height, size.width]).toEqual([o, o]);
  });

  it('dilation spreads the kernel to k + (k − 1)(d − 1)', () => {
    expect([
      effectiveKernelSize(3, 1),
      effectiveKernelSize(3, 2),
      effectiveKernelSize(5, 3),
      effectiveKernelSize(2, 4),
    ]).toEqual([3, 5, 13, 5]);
  });

  const same: { i: number; k: number; s: number; d: number; pads: [number, number]; o: number }[] = [
    { i: 5, k: 3, s: 1, d: 1, pads: [1, 1], o: 5 },
    { i: 5, k: 4, s: 1, d: 1, pads: [1, 2], o: 5 }, // odd total: the extra cell goes after
    { i: 6, k: 3, s: 2, d: 1, pads: [0, 1], o: 3 }, // ceil(6/2) outputs need (3−1)·2 + 3 − 6 = 1 pad
    { i: 5, k: 3, s: 2, d: 1, pads: [1, 1], o: 3 },
    { i: 7, k: 3, s: 3, d: 1, pads: [1, 1], o: 3 },
    { i: 4, k: 1, s: 3, d: 1, pads: [0, 0], o: 2 }, // the stride skips cells; no pad needed
    { i: 8, k: 3, s: 1, d: 2, pads: [2, 2], o: 8 }, // k̂ = 5
  ];
  it.each(same)(
    "'same' with i=$i k=$k s=$s d=$d pads $pads and gives ceil(i/s)=$o",
    ({ i, k, s, d, pads, o }) => {
      const size = conv2dOutputSize([i, i], [k, k], { stride: s, dilation: d, padding: 'same' });
      expect(size.height).toBe(o);
      expect([size.pads.top, size.pads.bottom, size.pads.left, size.pads.right]).toEqual([...pads, ...pads]);
    },
  );

  it("'full' pads k̂ − 1 on every side, giving i + k̂ − 1 outputs at stride 1", () => {
    const size = conv2dOutputSize([5, 6], [3, 2], { padding: 'full', dilation: [1, 3] });
    expect(size.pads).toEqual({ top: 2, bottom: 2, left: 3, right: 3 });
    expect([size.height, size.width]).toEqual([7, 9]);
  });

  it('takes [ph, pw] and [top, bottom, left, right] paddings and per-axis strides', () => {
    expect(conv2dOutputSize([5, 5], [3, 3], { padding: [1, 0] })).toEqual({
      height: 5,
      width: 3,
      pads: { top: 1, bottom: 1, left: 0, right: 0 },
    });
    const size = conv2dOutputSize([5, 5], [3, 3], { padding: [0, 2, 1, 0], stride: [2, 1] });
    expect([size.height, size.width]).toEqual([3, 4]);
  });
});

describe('conv2dOutputSize rejects bad options with the numbers in the message', () => {
  const reject = (options: object, message: string, kernel: [number, number] = [3, 3]) =>
    expect(() => conv2dOutputSize([4, 4], kernel, options)).toThrow(message);

  it('names the kernel, its dilated size and the padded input when the kernel does not fit', () => {
    reject(
      { dilation: 2 },
      'conv2dOutputSize: kernel is 5×5 (dilated 9×9) but the padded input is 4×4',
      [5, 5],
    );
    reject({ padding: 1 }, 'conv2dOutputSize: kernel is 7×3 but the padded input is 6×6', [7, 3]);
  });
  it('rejects strides and dilations below 1, fractional or non-finite', () => {
    reject({ stride: 0 }, 'stride must be an integer >= 1, got 0');
    reject({ stride: [1, 1.5] }, 'stride[1] must be an integer >= 1, got 1.5');
    reject({ dilation: Number.NaN }, 'dilation must be an integer >= 1, got NaN');
    reject({ stride: Number.POSITIVE_INFINITY }, 'stride must be an integer >= 1, got Infinity');
  });
  it('rejects negative, fractional or non-finite padding and unknown names', () => {
    reject({ padding: -1 }, 'padding must be an integer >= 0, got -1');
    reject({ padding: [0, 0.5] }, 'padding[1] must be an integer >= 0, got 0.5');
    reject({ padding: [0, 0, Number.NaN, 0] }, 'padding left must be an integer >= 0, got NaN');
    reject(
      { padding: 'half' },
      `padding must be 'valid', 'same', 'full', a number, [ph, pw] or [top, bottom, left, right], got "half"`,
    );
  });
  it('rejects non-integer sizes', () => {
    expect(() => conv2dOutputSize([4.5, 4], [3, 3])).toThrow('input height must be an integer >= 1, got 4.5');
    expect(() => conv2dOutputSize([4, 4], [3, 0])).toThrow('kernel width must be an integer >= 1, got 0');
  });
});

describe('conv2dOutputSize agrees with the layer-arithmetic rules in output-size.ts', () => {
  it('gives the same pads and sizes for any fitting call', () => {
    const axis = fc.record({
      i: fc.integer({ min: 1, max: 40 }),
      k: fc.integer({ min: 1, max: 7 }),
      s: fc.integer({ min: 1, max: 4 }),
      d: fc.integer({ min: 1, max: 3 }),
    });
    const padding = fc.oneof(
      fc.constantFrom<Padding>('valid', 'same', 'full'),
      fc.nat(4),
      fc.tuple(fc.nat(4), fc.nat(4)),
      fc.tuple(fc.nat(4), fc.nat(4), fc.nat(4), fc.nat(4)),
    );
    fc.assert(
      fc.property(axis, axis, padding, (y, x, pad) => {
        const effective: [number, number] = [effectiveKernelSize(y.k, y.d), effectiveKernelSize(x.k, x.d)];
        const pads = resolvePadding('t', pad, [y.i, x.i], effective, [y.s, x.s]);
        const height = outputLength(y.i, y.k, y.s, y.d, pads.top, pads.bottom);
        const width = outputLength(x.i, x.k, x.s, x.d, pads.left, pads.right);
        if (height < 1 || width < 1) return; // the kernel does not fit: conv2dOutputSize throws instead
        const options = { stride: [y.s, x.s] as const, dilation: [y.d, x.d] as const, padding: pad };
        expect(conv2dOutputSize([y.i, x.i], [y.k, x.k], options)).toEqual({ height, width, pads });
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });
});

describe('planWindow refuses sizes it could not allocate', () => {
  it('names the padded size instead of hanging on a padding of 1e9', () => {
    expect(() => conv2dOutputSize([1, 1], [1, 1], { padding: 1e9 })).toThrow(
      'conv2dOutputSize: the padded input would be 2000000001×2000000001, more than 268435456 cells per channel',
    );
  });
});

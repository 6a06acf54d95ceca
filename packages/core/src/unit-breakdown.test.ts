import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ActivationName, activationNames, applyActivation } from './activations';
import { at } from './at';
import type { Padding, PaddingMode } from './conv-options';
import { conv2d } from './conv2d';
import { pool2d } from './pool2d';
import { ShapeError } from './shape-errors';
import { type Tensor, tensor } from './tensor';
import { randomTensor } from './testing/random-tensor';
import { explainConvUnit, explainPoolUnit } from './unit-breakdown';

// The lecture's first example: a 3×4 grid and a 2×2 kernel, no padding → a 2×3 map.
const grid = tensor([
  [
    [1, 2, 0, 1],
    [0, 1, 3, 1],
    [2, 1, 0, 1],
  ],
]);
const k2 = tensor([
  [
    [
      [1, 0],
      [0, -1],
    ],
  ],
]);

describe('explainConvUnit, by hand', () => {
  it('writes out every unit of the 3×4 * 2×2 valid example (worked on paper)', () => {
    // out[i][j] = x[i][j]·1 + x[i][j+1]·0 + x[i+1][j]·0 + x[i+1][j+1]·(−1)
    const byHand = [
      [1 - 1, 2 - 3, 0 - 1],
      [0 - 1, 1 - 0, 3 - 1],
    ];
    const first = explainConvUnit(grid, k2, { padding: 'valid' }, { kernel: 0, y: 0, x: 0 });
    expect([first.outHeight, first.outWidth]).toEqual([2, 3]);
    for (let y = 0; y < 2; y++) {
      for (let x = 0; x < 3; x++) {
        expect(explainConvUnit(grid, k2, {}, { kernel: 0, y, x }).value).toBe(byHand[y]?.[x]);
      }
    }
  });

  it('lists the patch, the products and their sum for unit (1, 2)', () => {
    const unit = explainConvUnit(grid, k2, { bias: [0.5], activation: 'relu' }, { kernel: 0, y: 1, x: 2 });
    expect(unit.taps.map((t) => [t.row, t.col, t.value, t.weight, t.product])).toEqual([
      [1, 2, 3, 1, 3],
      [1, 3, 1, 0, 0],
      [2, 2, 0, 0, 0],
      [2, 3, 1, -1, -1],
    ]);
    expect(unit.box).toEqual({ top: 1, left: 2, bottom: 2, right: 3 });
    expect([unit.sum, unit.bias, unit.preActivation, unit.value]).toEqual([2, 0.5, 2.5, 2.5]);
    expect(unit.flipped).toBe(false);
  });

  it('turns the kernel 180° when flip is set, and the map changes sign here', () => {
    const unit = explainConvUnit(grid, k2, { flip: true }, { kernel: 0, y: 0, x: 1 });
    expect(unit.appliedKernel).toEqual([
      [
        [-1, 0],
        [0, 1],
      ],
    ]);
    expect(unit.value).toBe(-2 + 3); // −x[0][1] + x[1][2]
  });

  it('marks zero padding, and shows what reflect padding copies', () => {
    const zeros = explainConvUnit(grid, k2, { padding: 1 }, { kernel: 0, y: 0, x: 0 });
    expect(zeros.taps.map((t) => [t.row, t.col, t.padded, t.value])).toEqual([
      [-1, -1, true, 0],
      [-1, 0, true, 0],
      [0, -1, true, 0],
      [0, 0, false, 1],
    ]);
    const reflect = explainConvUnit(
      grid,
      k2,
      { padding: 1, paddingMode: 'reflect' },
      { kernel: 0, y: 0, x: 0 },
    );
    // Row −1 mirrors row 1 and column −1 mirrors column 1: the corner copies x[1][1] = 1.
    expect(reflect.taps[0]).toMatchObject({ padded: true, source: { row: 1, col: 1 }, value: 1 });
    expect(reflect.paddingMode).toBe('reflect');
  });

  it('spreads the taps apart with dilation and jumps by the stride', () => {
    const image = randomTensor([1, 7, 7], 3);
    const unit = explainConvUnit(image, k2, { dilation: 2, stride: 2 }, { kernel: 0, y: 1, x: 1 });
    expect(unit.taps.map((t) => [t.row, t.col])).toEqual([
      [2, 2],
      [2, 4],
      [4, 2],
      [4, 4],
    ]);
    expect(unit.box).toEqual({ top: 2, left: 2, bottom: 4, right: 4 });
  });

  it('refuses a unit outside the map', () => {
    expect(() => explainConvUnit(grid, k2, {}, { kernel: 0, y: 2, x: 0 })).toThrow(
      'explainConvUnit: unit (0, 2, 0) is outside the output 1×2×3',
    );
  });
});

describe('explainPoolUnit, by hand', () => {
  it('picks the first maximum of a 2×2 window and averages only real cells', () => {
    const max = explainPoolUnit(grid, { kind: 'max', size: 2 }, { channel: 0, y: 0, x: 1 });
    expect(max.cells.map((c) => c.value)).toEqual([0, 1, 3, 1]);
    expect([max.value, max.argmax]).toEqual([3, { row: 1, col: 2 }]);
    const avg = explainPoolUnit(grid, { kind: 'avg', size: 2, padding: 'same' }, { channel: 0, y: 1, x: 0 });
    expect(avg.cells.map((c) => c.padded)).toEqual([false, false, true, true]);
    expect([avg.count, avg.sum, avg.value]).toEqual([2, 3, 1.5]);
  });
});

const paddings: Padding[] = ['valid', 'same', 'full', 0, 1, 2, [1, 0], [0, 1, 2, 0]];
const modes: PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

const convCase = fc.record({
  channels: fc.integer({ min: 1, max: 3 }),
  kernels: fc.integer({ min: 1, max: 3 }),
  height: fc.integer({ min: 1, max: 7 }),
  width: fc.integer({ min: 1, max: 7 }),
  kh: fc.integer({ min: 1, max: 4 }),
  kw: fc.integer({ min: 1, max: 4 }),
  stride: fc.integer({ min: 1, max: 3 }),
  dilation: fc.integer({ min: 1, max: 2 }),
  padding: fc.constantFrom(...paddings),
  paddingMode: fc.constantFrom(...modes),
  flip: fc.boolean(),
  activation: fc.constantFrom<ActivationName>(...activationNames),
  seed: fc.integer({ min: 0, max: 10_000 }),
});

describe('against conv2d and pool2d', () => {
  it('gives every conv unit the value conv2d and the activation give', () => {
    fc.assert(
      fc.property(convCase, (c) => {
        const x = randomTensor([c.channels, c.height, c.width], c.seed);
        const w = randomTensor([c.kernels, c.channels, c.kh, c.kw], c.seed + 1);
        const bias = Array.from(randomTensor([c.kernels], c.seed + 2).data);
        const options = {
          bias,
          stride: c.stride,
          dilation: c.dilation,
          padding: c.padding,
          paddingMode: c.paddingMode,
          flip: c.flip,
        };
        let map: Tensor;
        try {
          map = applyActivation(c.activation, conv2d(x, w, options));
        } catch (error) {
          expect(error).toBeInstanceOf(ShapeError);
          expect(() => explainConvUnit(x, w, options, { kernel: 0, y: 0, x: 0 })).toThrow(ShapeError);
          return;
        }
        const [, outH, outW] = map.shape as [number, number, number];
        for (let o = 0; o < c.kernels; o++) {
          for (let y = 0; y < outH; y++) {
            for (let xi = 0; xi < outW; xi++) {
              const unit = explainConvUnit(
                x,
                w,
                { ...options, activation: c.activation },
                { kernel: o, y, x: xi },
              );
              const expected = at(map.data, (o * outH + y) * outW + xi);
              expect(unit.value).toBeCloseTo(expected, 5);
              expect(unit.taps).toHaveLength(c.channels * c.kh * c.kw);
              expect(unit.sum).toBeCloseTo(
                unit.taps.reduce((s, t) => s + t.value * t.weight, 0),
                10,
              );
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives every pool unit the value pool2d gives', () => {
    const poolCase = fc.record({
      channels: fc.integer({ min: 1, max: 3 }),
      height: fc.integer({ min: 1, max: 8 }),
      width: fc.integer({ min: 1, max: 8 }),
      size: fc.integer({ min: 1, max: 3 }),
      stride: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      padding: fc.constantFrom<Padding>('valid', 'same', 1),
      kind: fc.constantFrom<'max' | 'avg'>('max', 'avg'),
      seed: fc.integer({ min: 0, max: 10_000 }),
    });
    fc.assert(
      fc.property(poolCase, (c) => {
        const x = randomTensor([c.channels, c.height, c.width], c.seed);
        const options = { kind: c.kind, size: c.size, stride: c.stride, padding: c.padding };
        let map: Tensor;
        try {
          map = pool2d(x, options);
        } catch (error) {
          expect(error).toBeInstanceOf(ShapeError);
          return;
        }
        const [, outH, outW] = map.shape as [number, number, number];
        for (let ch = 0; ch < c.channels; ch++) {
          for (let y = 0; y < outH; y++) {
            for (let xi = 0; xi < outW; xi++) {
              const unit = explainPoolUnit(x, options, { channel: ch, y, x: xi });
              expect(unit.value).toBeCloseTo(at(map.data, (ch * outH + y) * outW + xi), 5);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at } from './at';
import type { PaddingMode, Pads } from './conv-options';
import { checkPadsForMode, padImage, unpadGradient } from './pad';

const runs = Number(process.env.FUZZ_RUNS ?? 200);
const row = Float32Array.of(1, 2, 3, 4);
const padRow = (mode: PaddingMode, left: number, right: number, fill = 0) => [
  ...padImage(row, 1, 1, 4, { top: 0, bottom: 0, left, right }, mode, fill),
];

describe('padImage', () => {
  // Expected rows agree with numpy.pad(..., mode='constant' | 'reflect' | 'edge' | 'wrap').
  it('pads a row in each mode as numpy does', () => {
    expect(padRow('zeros', 2, 1)).toEqual([0, 0, 1, 2, 3, 4, 0]);
    expect(padRow('reflect', 3, 2)).toEqual([4, 3, 2, 1, 2, 3, 4, 3, 2]);
    expect(padRow('replicate', 2, 3)).toEqual([1, 1, 1, 2, 3, 4, 4, 4, 4]);
    expect(padRow('circular', 4, 2)).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 1, 2]);
  });
  it('fills zero-mode cells with the given value (pooling uses -Infinity)', () => {
    expect(padRow('zeros', 1, 1, Number.NEGATIVE_INFINITY)).toEqual([-Infinity, 1, 2, 3, 4, -Infinity]);
  });
  it('pads rows and columns of every channel, corners included', () => {
    const image = Float32Array.of(1, 2, 3, 4, 10, 20, 30, 40); // two 2×2 channels
    const padded = padImage(image, 2, 2, 2, { top: 1, bottom: 0, left: 0, right: 1 }, 'replicate');
    expect([...padded]).toEqual([1, 2, 2, 1, 2, 2, 3, 4, 4, 10, 20, 20, 10, 20, 20, 30, 40, 40]);
  });
});

describe('unpadGradient', () => {
  it('adds the gradient of every copy back onto the cell it was copied from', () => {
    const ones = new Float32Array(9).fill(1);
    const fold = (mode: PaddingMode, left: number, right: number) => [
      ...unpadGradient(ones.subarray(0, 4 + left + right), 1, 1, 4, { top: 0, bottom: 0, left, right }, mode),
    ];
    expect(fold('zeros', 2, 1)).toEqual([1, 1, 1, 1]);
    expect(fold('reflect', 3, 2)).toEqual([1, 3, 3, 2]); // [4 3 2 | 1 2 3 4 | 3 2]
    expect(fold('replicate', 2, 3)).toEqual([3, 1, 1, 4]);
    expect(fold('circular', 4, 1)).toEqual([3, 2, 2, 2]);
  });

  it('is the adjoint of padImage: <pad(x), g> = <x, unpad(g)> in every mode', () => {
    const arbitrary = fc.record({
      channels: fc.integer({ min: 1, max: 2 }),
      height: fc.integer({ min: 2, max: 5 }),
      width: fc.integer({ min: 2, max: 5 }),
      pads: fc.tuple(fc.nat(4), fc.nat(4), fc.nat(4), fc.nat(4)),
      mode: fc.constantFrom<PaddingMode>('zeros', 'reflect', 'replicate', 'circular'),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(arbitrary, ({ channels, height, width, pads: [t, b, l, r], mode, seed }) => {
        const limit = mode === 'reflect' ? 1 : 0; // reflect pads must stay below the size
        const pads = {
          top: Math.min(t, height - limit),
          bottom: Math.min(b, height - limit),
          left: Math.min(l, width - limit),
          right: Math.min(r, width - limit),
        };
        const x = Float32Array.from(
          { length: channels * height * width },
          (_, i) => ((i * 7 + seed) % 11) - 5,
        );
        const padded = padImage(x, channels, height, width, pads, mode);
        const g = Float32Array.from(padded, (_, i) => ((i * 3 + seed) % 5) - 2);
        const folded = unpadGradient(g, channels, height, width, pads, mode);
        const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * at(b, i), 0);
        expect(dot(padded, g)).toBe(dot(x, folded)); // small integers: exact
      }),
      { numRuns: runs },
    );
  });
});

/** Obviously correct and slow: where padded coordinate i of an axis of `size` reads from, cell by cell. */
function referenceSource(i: number, size: number, mode: PaddingMode): number | undefined {
  if (i >= 0 && i < size) return i;
  if (mode === 'zeros') return undefined;
  if (mode === 'replicate') return Math.min(Math.max(i, 0), size - 1);
  if (mode === 'circular') return i < 0 ? i + size : i - size;
  return i < 0 ? -i : 2 * (size - 1) - i; // reflect: mirror about the edge cell
}

interface PadCase {
  channels: number;
  height: number;
  width: number;
  pads: Pads;
  mode: PaddingMode;
  fill: number;
  x: Float32Array;
}

/** Visits every padded cell with the real cell it copies (undefined: none) and its flat padded index. */
function eachPaddedCell(c: PadCase, visit: (source: number | undefined, padded: number) => void): void {
  const rows = c.pads.top + c.height + c.pads.bottom;
  const cols = c.pads.left + c.width + c.pads.right;
  for (let ch = 0; ch < c.channels; ch++) {
    for (let r = 0; r < rows; r++) {
      for (let q = 0; q < cols; q++) {
        const y = referenceSource(r - c.pads.top, c.height, c.mode);
        const x = referenceSource(q - c.pads.left, c.width, c.mode);
        const source = y === undefined || x === undefined ? undefined : (ch * c.height + y) * c.width + x;
        visit(source, (ch * rows + r) * cols + q);
      }
    }
  }
}

const padCases = fc
  .record({
    channels: fc.integer({ min: 1, max: 3 }),
    height: fc.integer({ min: 1, max: 6 }),
    width: fc.integer({ min: 1, max: 6 }),
    pads: fc.tuple(fc.nat(6), fc.nat(6), fc.nat(6), fc.nat(6)),
    mode: fc.constantFrom<PaddingMode>('zeros', 'reflect', 'replicate', 'circular'),
    fill: fc.constantFrom(0, Number.NEGATIVE_INFINITY, 2.5),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ channels, height, width, pads: [t, b, l, r], mode, fill, seed }): PadCase => {
    // The largest pads each mode allows (checkPadsForMode): reflect < size, circular <= size.
    const limit = (pad: number, size: number) =>
      mode === 'reflect' ? Math.min(pad, size - 1) : mode === 'circular' ? Math.min(pad, size) : pad;
    const pads = {
      top: limit(t, height),
      bottom: limit(b, height),
      left: limit(l, width),
      right: limit(r, width),
    };
    const x = Float32Array.from({ length: channels * height * width }, (_, i) => ((i * 7 + seed) % 13) - 6);
    return { channels, height, width, pads, mode, fill: mode === 'zeros' ? fill : 0, x };
  });

describe('padImage and unpadGradient against a cell-by-cell reference', () => {
  it('padImage writes every padded cell from the cell it copies, or the fill', () => {
    fc.assert(
      fc.property(padCases, (c) => {
        const expected: number[] = [];
        eachPaddedCell(c, (source) => expected.push(source === undefined ? c.fill : at(c.x, source)));
        const padded = padImage(c.x, c.channels, c.height, c.width, c.pads, c.mode, c.fill);
        expect([...padded]).toEqual(expected);
      }),
      { numRuns: runs },
    );
  });

  it('unpadGradient adds every padded cell onto the cell it copied', () => {
    fc.assert(
      fc.property(padCases, (c) => {
        const rows = c.pads.top + c.height + c.pads.bottom;
        const cols = c.pads.left + c.width + c.pads.right;
        const g = Float32Array.from({ length: c.channels * rows * cols }, (_, i) => ((i * 5) % 9) - 4);
        const expected = new Array<number>(c.x.length).fill(0);
        eachPaddedCell(c, (source, padded) => {
          if (source !== undefined) expected[source] = at(expected, source) + at(g, padded);
        });
        const folded = unpadGradient(g, c.channels, c.height, c.width, c.pads, c.mode);
        expect([...folded]).toEqual(expected); // small integers: exact in any order
      }),
      { numRuns: runs },
    );
  });

  it('passes the input through untouched when nothing is padded', () => {
    const x = Float32Array.of(1, 2, 3, 4, 5, 6);
    const none = { top: 0, bottom: 0, left: 0, right: 0 };
    expect(padImage(x, 1, 2, 3, none, 'reflect')).toBe(x);
    const folded = unpadGradient(x, 1, 2, 3, none, 'circular');
    expect(folded).not.toBe(x); // the gradient is the caller's own array
    expect([...folded]).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('checkPadsForMode', () => {
  const pads = (top: number, bottom: number, left: number, right: number) => ({ top, bottom, left, right });
  it('rejects reflect pads not smaller than the axis', () => {
    expect(() => checkPadsForMode('conv2d', pads(0, 3, 0, 0), 3, 5, 'reflect')).toThrow(
      'conv2d: reflect padding must be smaller than the input: pad 3 on the bottom but the input height is 3',
    );
    expect(() => checkPadsForMode('conv2d', pads(2, 2, 2, 2), 3, 3, 'reflect')).not.toThrow();
  });
  it('rejects circular pads larger than the axis', () => {
    expect(() => checkPadsForMode('conv2d', pads(0, 0, 5, 0), 3, 4, 'circular')).toThrow(
      'conv2d: circular padding cannot exceed the input: pad 5 on the left but the input width is 4',
    );
    expect(() => checkPadsForMode('conv2d', pads(3, 3, 4, 4), 3, 4, 'circular')).not.toThrow();
  });
  it('lets zeros and replicate pad by any amount', () => {
    expect(() => checkPadsForMode('conv2d', pads(9, 9, 9, 9), 1, 1, 'replicate')).not.toThrow();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at } from './at';
import { type Pool2dOptions, pool2d, pool2dBackward, pool2dOutputSize } from './pool2d';
import { Tensor, tensor } from './tensor';
import { expectAllClose, numericalGradient, seededTensor } from './testing/gradient-check';

const runs = Number(process.env.FUZZ_RUNS ?? 200);
const grid = tensor([
  [
    [1, 3, 2, 0],
    [4, 2, 1, 5],
    [0, 1, 7, 2],
    [3, 3, 1, 1],
  ],
]);

describe('pool2d worked by hand', () => {
  it('takes the max and the mean of non-overlapping 2×2 windows', () => {
    expect(pool2d(grid, { kind: 'max', size: 2 }).toArray()).toEqual([
      [
        [4, 5],
        [3, 7],
      ],
    ]);
    expect(pool2d(grid, { kind: 'avg', size: 2 }).toArray()).toEqual([
      [
        [2.5, 2],
        [1.75, 2.75],
      ],
    ]);
  });

  it('walks overlapping and rectangular windows with their own stride', () => {
    expect(pool2d(grid, { kind: 'max', size: [1, 3], stride: [2, 1] }).toArray()).toEqual([
      [
        [3, 3],
        [7, 7],
      ],
    ]);
    expect(pool2d(grid, { kind: 'max', size: 3, stride: 1 }).toArray()).toEqual([
      [
        [7, 7],
        [7, 7],
      ],
    ]);
  });

  it("with 'same' padding, max ignores padded cells and avg divides by real cells only", () => {
    const x = tensor([
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ]);
    // 3×3 windows, stride 1: one pad on every side. The corner window holds 1, 2, 4, 5 → mean 3.
    expect(pool2d(x, { kind: 'avg', size: 3, stride: 1, padding: 'same' }).toArray()).toEqual([
      [
        [3, 3.5, 4],
        [3, 3.5, 4],
      ],
    ]);
    expect(pool2d(x, { kind: 'max', size: 3, stride: 1, padding: 'same' }).toArray()).toEqual([
      [
        [5, 6, 6],
        [5, 6, 6],
      ],
    ]);
    const negative = new Tensor([1, 2, 2], new Float32Array(4).fill(-1));
    expect(pool2d(negative, { kind: 'max', size: 2, stride: 1, padding: 1 }).toArray()).toEqual([
      [
        [-1, -1, -1],
        [-1, -1, -1],
        [-1, -1, -1],
      ],
    ]);
  });

  it('pools each channel on its own', () => {
    const x = tensor([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [-1, -2],
        [-3, -4],
      ],
    ]);
    expect(pool2d(x, { kind: 'max', size: 2 }).toArray()).toEqual([[[4]], [[-1]]]);
  });

  it('lets NaN show through rather than throwing', () => {
    expect(
      pool2d(
        tensor([
          [
            [1, Number.NaN],
            [3, 4],
          ],
        ]),
        { kind: 'max', size: 2 },
      ).toArray(),
    ).toEqual([[[Number.NaN]]]);
    expect(
      pool2d(
        tensor([
          [
            [1, Number.NaN],
            [3, 4],
          ],
        ]),
        { kind: 'avg', size: 2 },
      ).toArray(),
    ).toEqual([[[Number.NaN]]]);
  });

  it('reports the output size and pads for the UI', () => {
    expect(pool2dOutputSize([5, 7], { size: 2 })).toEqual({
      height: 2,
      width: 3,
      pads: { top: 0, bottom: 0, left: 0, right: 0 },
    });
    expect(pool2dOutputSize([5, 7], { size: 2, padding: 'same' })).toEqual({
      height: 3,
      width: 4,
      pads: { top: 0, bottom: 1, left: 0, right: 1 },
    });
  });
});

describe('pool2dBackward', () => {
  it('sends a max gradient to the first maximum in scan order', () => {
    const ties = tensor([
      [
        [1, 2, 2],
        [2, 0, 2],
      ],
    ]);
    expect(
      pool2dBackward(ties, tensor([[[10, 20]]]), { kind: 'max', size: [2, 2], stride: 1 }).toArray(),
    ).toEqual([
      [
        [0, 30, 0],
        [0, 0, 0],
      ], // both windows pick the shared top 2 first, so its gradients add
    ]);
  });

  it('spreads an avg gradient over the real cells of each window', () => {
    // [pad a b pad], windows of 2: outputs a, (a+b)/2, b. gradOut [1, 2, 4] → da = 1 + 1, db = 1 + 4.
    const options: Pool2dOptions = { kind: 'avg', size: [1, 2], stride: 1, padding: [0, 1] };
    expect(pool2dBackward(tensor([[[3, 8]]]), tensor([[[1, 2, 4]]]), options).toArray()).toEqual([[[2, 5]]]);
  });

  const distinct = (shape: number[], seed: number) => {
    // Values 0.1 apart, shuffled, so a ±0.01 nudge never changes which cell is the maximum.
    const size = shape.reduce((a, b) => a * b);
    const order = [...seededTensor([size], seed).data]
      .map((key, index) => ({ key, index }))
      .sort((a, b) => a.key - b.key);
    return new Tensor(
      shape,
      Float32Array.from(order, ({ index }) => index * 0.1 - 1),
    );
  };
  const cases: Pool2dOptions[] = [
    { kind: 'max', size: 2 },
    { kind: 'max', size: [3, 2], stride: [1, 2], padding: 'same' },
    { kind: 'max', size: 3, stride: 2, padding: [1, 2, 0, 1] },
    { kind: 'avg', size: 2 },
    { kind: 'avg', size: 3, stride: 1, padding: 'same' },
    { kind: 'avg', size: [2, 3], stride: [2, 1], padding: [1, 0] },
  ];
  it.each(cases)('matches central differences: %o', (options) => {
    const x = distinct([2, 5, 6], 7);
    const gradOut = seededTensor(pool2d(x, options).shape, 8);
    expectAllClose(
      pool2dBackward(x, gradOut, options).data,
      numericalGradient((t) => pool2d(t, options), x, gradOut),
    );
  });

  it('rejects a gradOut of the wrong shape', () => {
    expect(() => pool2dBackward(grid, tensor([[[1, 2, 3]]]), { kind: 'max', size: 2 })).toThrow(
      "pool2dBackward: gradOut must be 1×2×2 (the output's shape) but is 1×1×3",
    );
  });
});

describe('max pooling is invariant to shifts that keep each maximum in its window', () => {
  it('gives the same output after such a shift', () => {
    const arbitrary = fc
      .record({
        size: fc.integer({ min: 2, max: 3 }),
        windowsY: fc.integer({ min: 1, max: 3 }),
        windowsX: fc.integer({ min: 1, max: 3 }),
        seed: fc.integer(),
      })
      .chain((base) =>
        fc.record({
          base: fc.constant(base),
          // The maximum sits at (r, c) inside its window and moves by (dy, dx), staying inside.
          r: fc.nat(base.size - 1),
          c: fc.nat(base.size - 1),
          dy: fc.nat(base.size - 1),
          dx: fc.nat(base.size - 1),
        }),
      )
      .filter(({ base, r, c, dy, dx }) => r + dy < base.size && c + dx < base.size);
    fc.assert(
      fc.property(arbitrary, ({ base: { size, windowsY, windowsX, seed }, r, c, dy, dx }) => {
        const height = size * windowsY;
        const width = size * windowsX;
        const noise = seededTensor([height * width], seed).data;
        // Background values lie in [0, 5); each window's maximum in [10, 20), so no background cell
        // shifted in from a neighbour can beat it.
        const x = Float32Array.from(noise, (v, k) => {
          const [y, xx] = [Math.floor(k / width), k % width];
          return y % size === r && xx % size === c ? 15 + 5 * v : 2.5 + 2.5 * v;
        });
        const shifted = new Float32Array(x.length); // vacated cells hold 0, a background value
        for (let y = dy; y < height; y++) {
          for (let xx = dx; xx < width; xx++) shifted[y * width + xx] = at(x, (y - dy) * width + xx - dx);
        }
        const pool = (data: Float32Array) =>
          pool2d(new Tensor([1, height, width], data), { kind: 'max', size }).toArray();
        expect(pool(shifted)).toEqual(pool(x));
      }),
      { numRuns: runs },
    );
  });
});

describe('pool2d rejects malformed calls with numbers in the message', () => {
  const reject = (options: Pool2dOptions, message: string, x: Tensor = grid) =>
    expect(() => pool2d(x, options)).toThrow(message);
  it('wants the window to fit the padded input', () => {
    reject({ kind: 'max', size: 5 }, 'pool2d: window is 5×5 but the padded input is 4×4');
    reject({ kind: 'avg', size: [2, 7], padding: 1 }, 'pool2d: window is 2×7 but the padded input is 6×6');
  });
  it('wants integer sizes and strides', () => {
    reject({ kind: 'max', size: 1.5 }, 'pool2d: size must be an integer >= 1, got 1.5');
    reject({ kind: 'max', size: [2, Number.NaN] }, 'pool2d: size[1] must be an integer >= 1, got NaN');
    reject({ kind: 'max', size: 2, stride: 0 }, 'pool2d: stride must be an integer >= 1, got 0');
  });
  it('wants padding smaller than the window, so every window sees a real cell', () => {
    reject(
      { kind: 'avg', size: 2, padding: [0, 2] },
      'pool2d: padding must be smaller than the window: pad 2 on the left but the window width is 2',
    );
    reject({ kind: 'max', size: 2, padding: -1 }, 'pool2d: padding must be an integer >= 0, got -1');
  });
  it('wants a rank 3 input and a known kind', () => {
    reject(
      { kind: 'max', size: 2 },
      'pool2d: input must be [C, H, W] (rank 3) but is 4×4 (rank 2)',
      seededTensor([4, 4], 1),
    );
    reject(
      { kind: 'min' as Pool2dOptions['kind'], size: 2 },
      `pool2d: kind must be 'max' or 'avg', got "min"`,
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { PaddingMode } from './conv-options';
import { type Conv2dOptions, conv2d } from './conv2d';
import { Tensor, tensor } from './tensor';

const grid3x4 = tensor([
  [
    [1, 2, 3, 4],
    [5, 6, 7, 8],
    [9, 10, 11, 12],
  ],
]);
const kernel2x2 = tensor([
  [
    [
      [1, 2],
      [3, 4],
    ],
  ],
]);
const filled = (shape: number[], value: number) =>
  new Tensor(shape, new Float32Array(shape.reduce((a, b) => a * b)).fill(value));

describe('conv2d worked by hand', () => {
  it('slides a 2×2 kernel over a 3×4 input into a 2×3 map (cross-correlation)', () => {
    // out[0][0] = 1·1 + 2·2 + 3·5 + 4·6 = 44; each step right adds 1+2+3+4 = 10, each step down 4·10.
    expect(conv2d(grid3x4, kernel2x2).toArray()).toEqual([
      [
        [44, 54, 64],
        [84, 94, 104],
      ],
    ]);
  });

  it('flip: true rotates the kernel 180° first (true convolution)', () => {
    // The kernel becomes [[4, 3], [2, 1]]: out[0][0] = 4·1 + 3·2 + 2·5 + 1·6 = 26.
    expect(conv2d(grid3x4, kernel2x2, { flip: true }).toArray()).toEqual([
      [
        [26, 36, 46],
        [66, 76, 86],
      ],
    ]);
  });

  it('adds one bias per kernel after the multiply-adds', () => {
    const bank = tensor([
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
      [
        [
          [0, 0],
          [0, -1],
        ],
      ],
    ]);
    expect(conv2d(grid3x4, bank, { bias: [0.5, 100] }).toArray()).toEqual([
      [
        [44.5, 54.5, 64.5],
        [84.5, 94.5, 104.5],
      ],
      [
        [94, 93, 92],
        [90, 89, 88],
      ],
    ]);
    expect(conv2d(grid3x4, bank, { bias: tensor([0.5, 100]) }).toArray()).toEqual(
      conv2d(grid3x4, bank, { bias: [0.5, 100] }).toArray(),
    );
  });

  it("keeps 32×32 with 'same' and sums all three channels of a [1,3,3,3] kernel", () => {
    const out = conv2d(filled([3, 32, 32], 1), filled([1, 3, 3, 3], 1), { padding: 'same' });
    expect(out.shape).toEqual([1, 32, 32]);
    const rows = out.toArray() as number[][][];
    // Interior windows see 27 ones; an edge window loses a row of 3×3 = 9; a corner keeps 2×2×3 = 12.
    expect([rows[0]?.[10]?.[10], rows[0]?.[0]?.[10], rows[0]?.[0]?.[0], rows[0]?.[31]?.[31]]).toEqual([
      27, 18, 12, 12,
    ]);
  });

  it('walks with stride and dilation on each axis', () => {
    const x = new Tensor(
      [1, 5, 5],
      Float32Array.from({ length: 25 }, (_, i) => i),
    );
    // Dilation 2 reads x[y][x] + x[y][x+2] + x[y+2][x] + x[y+2][x+2]: 24 at the origin, +4 right, +20 down.
    const dilated = { dilation: 2 } satisfies Conv2dOptions;
    expect(conv2d(x, filled([1, 1, 2, 2], 1), dilated).toArray()).toEqual([
      [
        [24, 28, 32],
        [44, 48, 52],
        [64, 68, 72],
      ],
    ]);
    expect(conv2d(x, filled([1, 1, 2, 2], 1), { ...dilated, stride: 2 }).toArray()).toEqual([
      [
        [24, 32],
        [64, 72],
      ],
    ]);
    // A 1×2 kernel [1, −1] with stride [2, 3]: x[y][x] − x[y][x+1] = −1 at rows 0, 2, 4 and columns 0, 3.
    expect(conv2d(x, tensor([[[[1, -1]]]]), { stride: [2, 3] }).toArray()).toEqual([
      [
        [-1, -1],
        [-1, -1],
        [-1, -1],
      ],
    ]);
  });

  it('fills the padding according to the mode', () => {
    const row = tensor([[[1, 2, 3]]]);
    const sum3 = tensor([[[[1, 1, 1]]]]);
    const run = (paddingMode: PaddingMode) => conv2d(row, sum3, { padding: [0, 1], paddingMode }).toArray();
    expect(run('zeros')).toEqual([[[3, 6, 5]]]); // 0 1 2 3 0
    expect(run('reflect')).toEqual([[[5, 6, 7]]]); // 2 1 2 3 2
    expect(run('replicate')).toEqual([[[4, 6, 8]]]); // 1 1 2 3 3
    expect(run('circular')).toEqual([[[6, 6, 6]]]); // 3 1 2 3 1
  });

  it("'full' lets the kernel hang off every edge; an even kernel with 'same' pads after", () => {
    const one = tensor([[[1]]]);
    expect(conv2d(one, kernel2x2, { padding: 'full' }).toArray()).toEqual([
      [
        [4, 3],
        [2, 1],
      ],
    ]);
    // 'same' with a 2×2 kernel pads one row below and one column right: out[y][x] sees x[y..y+1][x..x+1].
    expect(
      conv2d(
        tensor([
          [
            [1, 2],
            [3, 4],
          ],
        ]),
        kernel2x2,
        { padding: 'same' },
      ).toArray(),
    ).toEqual([
      [
        [30, 1 * 2 + 3 * 4],
        [1 * 3 + 2 * 4, 4],
      ],
    ]);
  });

  it('lets NaN and Infinity in the data propagate instead of throwing', () => {
    const x = tensor([
      [
        [1, Number.NaN, 0],
        [0, 0, Number.POSITIVE_INFINITY],
      ],
    ]);
    expect(conv2d(x, filled([1, 1, 1, 1], 2)).toArray()).toEqual([
      [
        [2, Number.NaN, 0],
        [0, 0, Number.POSITIVE_INFINITY],
      ],
    ]);
  });
});

describe('conv2d rejects malformed calls with numbers in the message', () => {
  const x = filled([2, 4, 4], 1);
  const w = filled([3, 2, 3, 3], 1);
  const reject = (call: () => unknown, message: string) => expect(call).toThrow(message);

  it('wants rank 3 inputs and rank 4 kernels', () => {
    reject(
      () => conv2d(filled([4, 4], 1), w),
      'conv2d: input must be [C, H, W] (rank 3) but is 4×4 (rank 2)',
    );
    reject(
      () => conv2d(x, filled([2, 3, 3], 1)),
      'conv2d: kernels must be [O, C, kh, kw] (rank 4) but are 2×3×3 (rank 3)',
    );
  });
  it('wants the kernels to have the input channels', () => {
    reject(
      () => conv2d(filled([3, 4, 4], 1), w),
      'conv2d: input has 3 channels but the kernels (3×2×3×3) expect 2',
    );
  });
  it('wants the (dilated) kernel to fit the padded input', () => {
    reject(
      () => conv2d(x, filled([1, 2, 5, 5], 1), { dilation: 2 }),
      'conv2d: kernel is 5×5 (dilated 9×9) but the padded input is 4×4',
    );
    reject(() => conv2d(x, filled([1, 2, 5, 2], 1)), 'conv2d: kernel is 5×2 but the padded input is 4×4');
  });
  it('checks strides, dilations and paddings', () => {
    reject(() => conv2d(x, w, { stride: 0 }), 'conv2d: stride must be an integer >= 1, got 0');
    reject(
      () => conv2d(x, w, { dilation: [1, 1.5] }),
      'conv2d: dilation[1] must be an integer >= 1, got 1.5',
    );
    reject(() => conv2d(x, w, { stride: Number.NaN }), 'conv2d: stride must be an integer >= 1, got NaN');
    reject(() => conv2d(x, w, { padding: -2 }), 'conv2d: padding must be an integer >= 0, got -2');
    reject(
      () => conv2d(x, w, { padding: [1, Number.POSITIVE_INFINITY] }),
      'conv2d: padding[1] must be an integer >= 0, got Infinity',
    );
  });
  it('checks what each padding mode can produce', () => {
    reject(
      () => conv2d(x, w, { padding: 4, paddingMode: 'reflect' }),
      'conv2d: reflect padding must be smaller than the input: pad 4 on the top but the input height is 4',
    );
    reject(
      () => conv2d(x, w, { padding: [0, 5], paddingMode: 'circular' }),
      'conv2d: circular padding cannot exceed the input: pad 5 on the left but the input width is 4',
    );
    reject(
      () => conv2d(x, w, { paddingMode: 'mirror' as PaddingMode }),
      'conv2d: paddingMode must be one of zeros, reflect, replicate, circular, got "mirror"',
    );
  });
  it('wants one bias per kernel', () => {
    reject(() => conv2d(x, w, { bias: [1, 2] }), 'conv2d: bias has 2 values but there are 3 kernels');
  });
});

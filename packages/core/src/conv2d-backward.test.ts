import { describe, expect, it } from 'vitest';
import { at } from './at';
import { type Conv2dOptions, conv2d, conv2dBackward } from './conv2d';
import { Tensor, tensor } from './tensor';
import { expectAllClose, numericalGradient, seededTensor } from './testing/gradient-check';

const cases: { name: string; x: number[]; w: number[]; options: Conv2dOptions }[] = [
  { name: 'valid, defaults', x: [2, 4, 5], w: [3, 2, 2, 3], options: {} },
  { name: 'bias', x: [1, 4, 4], w: [2, 1, 3, 3], options: { bias: [0.3, -2] } },
  {
    name: 'stride [2, 1], dilation [1, 2], same',
    x: [2, 6, 7],
    w: [2, 2, 3, 2],
    options: { stride: [2, 1], dilation: [1, 2], padding: 'same' },
  },
  { name: 'full padding with flip', x: [1, 3, 4], w: [2, 1, 2, 3], options: { padding: 'full', flip: true } },
  {
    name: 'stride 2, even kernel, same',
    x: [2, 5, 6],
    w: [1, 2, 2, 2],
    options: { stride: 2, padding: 'same' },
  },
  { name: 'zeros, asymmetric pads', x: [1, 4, 5], w: [2, 1, 3, 2], options: { padding: [2, 0, 1, 3] } },
  { name: 'reflect', x: [2, 4, 5], w: [2, 2, 3, 3], options: { padding: [2, 3], paddingMode: 'reflect' } },
  {
    name: 'replicate',
    x: [1, 3, 4],
    w: [2, 1, 3, 3],
    options: { padding: [3, 1, 0, 4], paddingMode: 'replicate' },
  },
  { name: 'circular', x: [2, 4, 4], w: [1, 2, 3, 3], options: { padding: [4, 2], paddingMode: 'circular' } },
  {
    name: 'reflect, flip, stride, dilation',
    x: [1, 6, 6],
    w: [2, 1, 2, 3],
    options: { padding: 'same', paddingMode: 'reflect', flip: true, stride: [1, 2], dilation: [2, 1] },
  },
  {
    name: 'circular, same, flip',
    x: [2, 5, 4],
    w: [2, 2, 3, 2],
    options: { padding: 'same', paddingMode: 'circular', flip: true },
  },
];

describe('conv2dBackward matches central differences of conv2d', () => {
  it.each(cases)('$name', ({ x: xShape, w: wShape, options }) => {
    const x = seededTensor(xShape, 1);
    const w = seededTensor(wShape, 2);
    const out = conv2d(x, w, options);
    const gradOut = seededTensor(out.shape, 3);
    const { dx, dw, db } = conv2dBackward(x, w, gradOut, options);

    expectAllClose(
      dx.data,
      numericalGradient((t) => conv2d(t, w, options), x, gradOut),
    );
    expectAllClose(
      dw.data,
      numericalGradient((t) => conv2d(x, t, options), w, gradOut),
    );
    const bias = new Tensor([at(wShape, 0)], new Float32Array(at(wShape, 0)));
    expectAllClose(
      db.data,
      numericalGradient((b) => conv2d(x, w, { ...options, bias: b }), bias, gradOut),
    );
    expect([dx.shape, dw.shape, db.shape]).toEqual([x.shape, w.shape, [wShape[0]]]);
  });
});

describe('conv2dBackward worked by hand', () => {
  it('sums every position a tied weight visited, and db sums gradOut', () => {
    // 1×3 input, 1×2 kernel: out = [w0·x0 + w1·x1, w0·x1 + w1·x2]. With gradOut [1, 10]:
    // dw0 = x0 + 10·x1, dw1 = x1 + 10·x2, dx = [w0, w1 + 10·w0, 10·w1], db = 11.
    const { dx, dw, db } = conv2dBackward(tensor([[[1, 2, 3]]]), tensor([[[[5, 7]]]]), tensor([[[1, 10]]]));
    expect([dx.toArray(), dw.toArray(), db.toArray()]).toEqual([[[[5, 57, 70]]], [[[[21, 32]]]], [11]]);
  });

  it('returns dw in the caller orientation when flip is set', () => {
    // flip: out = [w1·x0 + w0·x1, w1·x1 + w0·x2] → dw0 = x1 + 10·x2 = 32, dw1 = x0 + 10·x1 = 21.
    const { dw } = conv2dBackward(tensor([[[1, 2, 3]]]), tensor([[[[5, 7]]]]), tensor([[[1, 10]]]), {
      flip: true,
    });
    expect(dw.toArray()).toEqual([[[[32, 21]]]]);
  });

  it('rejects a gradOut whose shape is not the output shape', () => {
    expect(() =>
      conv2dBackward(seededTensor([1, 4, 4], 1), seededTensor([2, 1, 3, 3], 2), seededTensor([2, 3, 2], 3)),
    ).toThrow("conv2dBackward: gradOut must be 2×2×2 (the output's shape) but is 2×3×2");
    expect(() =>
      conv2dBackward(seededTensor([1, 4, 4], 1), seededTensor([2, 1, 3, 3], 2), seededTensor([8], 3)),
    ).toThrow("conv2dBackward: gradOut must be 2×2×2 (the output's shape) but is 8");
  });
});

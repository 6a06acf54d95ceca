import type * as tfTypes from '@tensorflow/tfjs-core';
import { beforeAll, describe, it } from 'vitest';
import { type Conv2dOptions, conv2d, conv2dBackward } from './conv2d';
import { createRandom } from './random';
import { expectAllClose, seededTensor } from './testing/gradient-check';
import { fromHwio, fromNhwc, toHwio, toNhwc, useTfjsCpu } from './testing/tfjs-oracle';

let tf: typeof tfTypes;
beforeAll(async () => {
  tf = await useTfjsCpu();
});

interface ConvCase {
  readonly xShape: [number, number, number];
  readonly wShape: [number, number, number, number];
  readonly stride: [number, number];
  readonly dilation: [number, number];
  readonly padding: 'valid' | 'same' | [number, number, number, number];
}

/** Random shapes that fit. TF refuses stride > 1 together with dilation > 1, so a case uses one of them. */
function randomCases(count: number, seed: number): ConvCase[] {
  const random = createRandom(seed);
  const pick = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const cases: ConvCase[] = [];
  while (cases.length < count) {
    const dilated = random() < 0.4;
    const stride: [number, number] = dilated ? [1, 1] : [pick(1, 3), pick(1, 3)];
    const dilation: [number, number] = dilated ? [pick(1, 3), pick(1, 3)] : [1, 1];
    const kh = pick(1, 4);
    const kw = pick(1, 4);
    const xShape: [number, number, number] = [pick(1, 3), pick(4, 9), pick(4, 9)];
    const choice = random();
    const padding =
      choice < 0.35
        ? 'valid'
        : choice < 0.7
          ? 'same'
          : ([pick(0, 2), pick(0, 2), pick(0, 2), pick(0, 2)] as [number, number, number, number]);
    const explicit: readonly [number, number, number, number] = Array.isArray(padding)
      ? padding
      : [0, 0, 0, 0];
    const fits =
      (kh - 1) * dilation[0] + 1 <= xShape[1] + explicit[0] + explicit[1] &&
      (kw - 1) * dilation[1] + 1 <= xShape[2] + explicit[2] + explicit[3];
    if (fits) cases.push({ xShape, wShape: [pick(1, 3), xShape[0], kh, kw], stride, dilation, padding });
  }
  return cases;
}

function tfPadding(
  padding: ConvCase['padding'],
): 'valid' | 'same' | [[number, number], [number, number], [number, number], [number, number]] {
  if (!Array.isArray(padding)) return padding;
  const [top, bottom, left, right] = padding;
  return [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
}

const cases = randomCases(40, 2024);

const labelled = cases.map((c, i) => ({ ...c, i }));
const label = 'case $i: x $xShape, w $wShape, stride $stride, dilation $dilation, padding $padding';

function setUp(c: ConvCase & { i: number }) {
  const x = seededTensor(c.xShape, 10 + c.i);
  const w = seededTensor(c.wShape, 20 + c.i);
  const options: Conv2dOptions = { stride: c.stride, dilation: c.dilation, padding: c.padding };
  const run = (a: tfTypes.Tensor4D, b: tfTypes.Tensor4D) =>
    tf.conv2d(a, b, c.stride, tfPadding(c.padding), 'NHWC', c.dilation);
  return { x, w, options, run };
}

describe('conv2d agrees with TensorFlow.js', () => {
  it.each(labelled)(`forward, ${label}`, (c) => {
    const { x, w, options, run } = setUp(c);
    const [xt, wt] = [toNhwc(x), toHwio(w)];
    const theirs = run(xt, wt);
    expectAllClose(conv2d(x, w, options).data, fromNhwc(theirs).data, 1e-4);
    tf.dispose([xt, wt, theirs]);
  });

  // tfjs has no conv2d gradient for dilation > 1; the finite-difference tests cover those.
  const undilated = labelled.filter((c) => c.dilation[0] === 1 && c.dilation[1] === 1);
  it.each(undilated)(`backward, ${label}`, (c) => {
    const { x, w, options, run } = setUp(c);
    const gradOut = seededTensor(conv2d(x, w, options).shape, 30 + c.i);
    const [xt, wt, dy] = [toNhwc(x), toHwio(w), toNhwc(gradOut)];
    const [dxt, dwt] = tf.grads((a: tfTypes.Tensor, b: tfTypes.Tensor) =>
      run(a as tfTypes.Tensor4D, b as tfTypes.Tensor4D),
    )([xt, wt], dy) as [tfTypes.Tensor, tfTypes.Tensor];
    const { dx, dw } = conv2dBackward(x, w, gradOut, options);
    expectAllClose(dx.data, fromNhwc(dxt).data, 1e-4);
    expectAllClose(dw.data, fromHwio(dwt).data, 1e-4);
    tf.dispose([xt, wt, dy, dxt, dwt]);
  });
});

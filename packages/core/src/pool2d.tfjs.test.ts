import type * as tfTypes from '@tensorflow/tfjs-core';
import { beforeAll, describe, it } from 'vitest';
import { pool2dOutputSize } from './pool-call';
import { type Pool2dOptions, pool2d, pool2dBackward } from './pool2d';
import { createRandom } from './random';
import { expectAllClose, numericalGradient, seededTensor } from './testing/gradient-check';
import { fromNhwc, toNhwc, useTfjsCpu } from './testing/tfjs-oracle';

let tf: typeof tfTypes;
beforeAll(async () => {
  tf = await useTfjsCpu();
});

interface PoolCase {
  readonly i: number;
  readonly xShape: [number, number, number];
  readonly kind: 'max' | 'avg';
  readonly size: [number, number];
  readonly stride: [number, number];
  readonly padding: 'valid' | 'same';
}

function randomCases(count: number, seed: number): PoolCase[] {
  const random = createRandom(seed);
  const pick = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  return Array.from({ length: count }, (_, i) => {
    const size: [number, number] = [pick(1, 3), pick(1, 3)];
    return {
      i,
      xShape: [pick(1, 3), pick(3, 8), pick(3, 8)],
      kind: random() < 0.5 ? 'max' : 'avg',
      size,
      stride: random() < 0.5 ? size : [pick(1, 3), pick(1, 3)],
      padding: random() < 0.5 ? 'valid' : 'same',
    };
  });
}

const cases = randomCases(30, 77);
const label = 'case $i: $kind x $xShape, size $size, stride $stride, $padding';

// TF's avg pool with 'same' also divides by the real cells only, so both kinds compare directly.
describe('pool2d agrees with TensorFlow.js', () => {
  it.each(cases)(`forward and backward, ${label}`, (c) => {
    const x = seededTensor(c.xShape, 100 + c.i);
    const options: Pool2dOptions = { kind: c.kind, size: c.size, stride: c.stride, padding: c.padding };
    const ours = pool2d(x, options);
    const gradOut = seededTensor(ours.shape, 200 + c.i);
    const run = (t: tfTypes.Tensor) =>
      c.kind === 'max'
        ? tf.maxPool(t as tfTypes.Tensor4D, c.size, c.stride, c.padding)
        : tf.avgPool(t as tfTypes.Tensor4D, c.size, c.stride, c.padding);
    const [xt, dy] = [toNhwc(x), toNhwc(gradOut)];
    const theirs = run(xt);
    expectAllClose(ours.data, fromNhwc(theirs).data, 1e-5);
    const ourGradient = pool2dBackward(x, gradOut, options).data;
    const { pads } = pool2dOutputSize([c.xShape[1], c.xShape[2]], options);
    if (c.kind === 'avg' && pads.top + pads.bottom + pads.left + pads.right > 0) {
      // tfjs's avg-pool gradient divides every window by its full size, padded cells included, which
      // disagrees with its own forward pass; finite differences are the oracle for these windows.
      expectAllClose(
        ourGradient,
        numericalGradient((t) => pool2d(t, options), x, gradOut),
        1e-3,
      );
    } else {
      const dxt = tf.grad(run)(xt, dy);
      expectAllClose(ourGradient, fromNhwc(dxt).data, 1e-5);
      dxt.dispose();
    }
    tf.dispose([xt, dy, theirs]);
  });
});

import type * as tfTypes from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAllClose, seededTensor } from '../testing/gradient-check';
import { useTfjsCpu } from '../testing/tfjs-oracle';
import { denseBackward, denseForward } from './dense';

let tf: typeof tfTypes;
beforeAll(async () => {
  tf = await useTfjsCpu();
});

describe('dense layer, worked by hand', () => {
  // Two examples x = [1, 2] and [3, −1]; W = [[1, 0], [−1, 2]] (2 units × 2 inputs); b = [0.5, −1].
  const x = Float32Array.of(1, 2, 3, -1);
  const w = Float32Array.of(1, 0, -1, 2);
  const b = Float32Array.of(0.5, -1);

  it('forward: out[b,u] = b[u] + Σ W[u,i]·x[b,i]', () => {
    const out = new Float32Array(4);
    denseForward(x, w, b, 2, 2, 2, out);
    // example 1: 1·1 + 0·2 + 0.5 = 1.5; −1·1 + 2·2 − 1 = 2.  example 2: 3 + 0.5 = 3.5; −3 − 2 − 1 = −6.
    expect(Array.from(out)).toEqual([1.5, 2, 3.5, -6]);
  });

  it('backward: dW sums gradOut ⊗ x over the batch, dx = gradOutᵀ·W', () => {
    const gradOut = Float32Array.of(1, 0, 0, 1);
    const dw = new Float32Array(4);
    const db = new Float32Array(2);
    const dx = new Float32Array(4);
    denseBackward(x, w, gradOut, 2, 2, 2, dw, db, dx);
    // unit 0 sees gradient 1 from example 1 only: dW[0] = x1 = [1, 2]; unit 1 from example 2: dW[1] = [3, −1].
    expect(Array.from(dw)).toEqual([1, 2, 3, -1]);
    expect(Array.from(db)).toEqual([1, 1]);
    // dx1 = 1·W[0] = [1, 0]; dx2 = 1·W[1] = [−1, 2].
    expect(Array.from(dx)).toEqual([1, 0, -1, 2]);
  });

  it('backward adds to the parameter gradients (accumulation over calls)', () => {
    const dw = Float32Array.of(10, 10, 10, 10);
    const db = Float32Array.of(1, 1);
    denseBackward(x, w, Float32Array.of(1, 0, 0, 1), 2, 2, 2, dw, db, null);
    expect(Array.from(dw)).toEqual([11, 12, 13, 9]);
    expect(Array.from(db)).toEqual([2, 2]);
  });
});

describe('dense layer against TensorFlow.js', () => {
  it('matches matMul forward and the gradients of tf.grads', () => {
    const [batch, inputs, units] = [5, 37, 11];
    const x = seededTensor([batch, inputs], 1).data;
    const w = seededTensor([units, inputs], 2).data;
    const b = seededTensor([units], 3).data;
    const upstream = seededTensor([batch, units], 4).data;
    const out = new Float32Array(batch * units);
    denseForward(x, w, b, batch, inputs, units, out);
    const tx = tf.tensor2d(x, [batch, inputs]);
    const tw = tf.tensor2d(w, [units, inputs]);
    const tb = tf.tensor1d(b);
    const f = (xx: tfTypes.Tensor, ww: tfTypes.Tensor, bb: tfTypes.Tensor) =>
      tf.add(tf.matMul(xx as tfTypes.Tensor2D, ww as tfTypes.Tensor2D, false, true), bb);
    expectAllClose(out, f(tx, tw, tb).dataSync(), 1e-5);
    const [gx, gw, gb] = tf.grads((xx, ww, bb) =>
      tf.sum(tf.mul(f(xx, ww, bb), tf.tensor2d(upstream, [batch, units]))),
    )([tx, tw, tb]);
    const dw = new Float32Array(units * inputs);
    const db = new Float32Array(units);
    const dx = new Float32Array(batch * inputs);
    denseBackward(x, w, upstream, batch, inputs, units, dw, db, dx);
    expectAllClose(dx, (gx as tfTypes.Tensor).dataSync(), 1e-5);
    expectAllClose(dw, (gw as tfTypes.Tensor).dataSync(), 1e-5);
    expectAllClose(db, (gb as tfTypes.Tensor).dataSync(), 1e-5);
  });
});

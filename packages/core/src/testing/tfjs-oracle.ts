import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// Gradients register themselves only when this module is loaded (tfjs-core alone ships none).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { Tensor } from '../tensor';

/**
 * TensorFlow.js (CPU backend) as an independent oracle. TF lays images out as NHWC and kernels as
 * [kh, kw, in, out]; these helpers convert to and from our [C, H, W] and [O, C, kh, kw].
 */
export async function useTfjsCpu(): Promise<typeof tf> {
  await tf.setBackend('cpu');
  await tf.ready();
  return tf;
}

/** [C, H, W] → a [1, H, W, C] tf tensor. */
export function toNhwc(x: Tensor): tf.Tensor4D {
  const [c, h, w] = x.shape as [number, number, number];
  return tf.tidy(
    () => tf.expandDims(tf.transpose(tf.tensor3d(x.data, [c, h, w]), [1, 2, 0]), 0) as tf.Tensor4D,
  );
}

/** [O, C, kh, kw] → a [kh, kw, C, O] tf tensor. */
export function toHwio(w: Tensor): tf.Tensor4D {
  return tf.tidy(() =>
    tf.transpose(tf.tensor4d(w.data, w.shape as [number, number, number, number]), [2, 3, 1, 0]),
  );
}

/** A [1, H, W, C] tf tensor → [C, H, W]. */
export function fromNhwc(t: tf.Tensor): Tensor {
  const [, h, w, c] = t.shape as [number, number, number, number];
  const chw = tf.tidy(() => tf.transpose(tf.squeeze(t, [0]), [2, 0, 1]));
  const out = new Tensor([c, h, w], chw.dataSync() as Float32Array);
  chw.dispose();
  return out;
}

/** A [kh, kw, C, O] tf tensor → [O, C, kh, kw]. */
export function fromHwio(t: tf.Tensor): Tensor {
  const [kh, kw, c, o] = t.shape as [number, number, number, number];
  const oihw = tf.tidy(() => tf.transpose(t, [3, 2, 0, 1]));
  const out = new Tensor([o, c, kh, kw], oihw.dataSync() as Float32Array);
  oihw.dispose();
  return out;
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

/** The digits network (core's DIGITS_CNN_LAYERS) in ConvNetJS's layer_defs and in TensorFlow.js ops. */

interface ConvNetJs {
  Net: new () => { makeLayers(defs: unknown[]): void };
  SGDTrainer: new (net: unknown, options: unknown) => { train(x: unknown, y: number): unknown };
  Vol: new (sx: number, sy: number, depth: number, fill: number) => { w: Float64Array | number[] };
}

/** ConvNetJS as its MNIST demo sets it up: adadelta, batch 20, l2 decay 0.001; one call = one batch. */
export function convnetjsStep(
  convnetjs: ConvNetJs,
  images: Float32Array,
  labels: Uint8Array,
  batch: number,
): () => void {
  const net = new convnetjs.Net();
  net.makeLayers([
    { type: 'input', out_sx: 28, out_sy: 28, out_depth: 1 },
    { type: 'conv', sx: 5, filters: 8, stride: 1, pad: 2, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 2, activation: 'relu' },
    { type: 'pool', sx: 3, stride: 3 },
    { type: 'softmax', num_classes: 10 },
  ]);
  const trainer = new convnetjs.SGDTrainer(net, { method: 'adadelta', batch_size: batch, l2_decay: 0.001 });
  const count = labels.length;
  const vols = Array.from({ length: count }, (_, n) => {
    const v = new convnetjs.Vol(28, 28, 1, 0);
    for (let i = 0; i < 784; i++) v.w[i] = images[n * 784 + i] ?? 0;
    return v;
  });
  let cursor = 0;
  return () => {
    for (let b = 0; b < batch; b++, cursor = (cursor + 1) % count)
      trainer.train(vols[cursor], labels[cursor] ?? 0);
  };
}

/**
 * tfjs-core registers its gradients only from its ESM sources, whose extensionless imports Node's ESM
 * loader refuses; esbuild (tsx's own) bundles them once into a temporary module. The registry is global, so
 * the bundled copy registers them for the tfjs-core this file imports.
 */
async function registerTfjsGradients(): Promise<void> {
  const require = createRequire(import.meta.url);
  const esbuild = createRequire(require.resolve('tsx/package.json'))('esbuild') as {
    build(options: unknown): Promise<{ outputFiles: { text: string }[] }>;
  };
  const result = await esbuild.build({
    stdin: {
      contents: "import '@tensorflow/tfjs-core/dist/register_all_gradients';",
      resolveDir: import.meta.dirname,
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    mainFields: ['module', 'main'],
    logLevel: 'error',
  });
  const file = join(mkdtempSync(join(tmpdir(), 'convbook-tfjs-')), 'gradients.mjs');
  writeFileSync(file, result.outputFiles[0]?.text ?? '');
  await import(pathToFileURL(file).href);
}

/** The same network in TensorFlow.js core ops on the CPU backend, trained by tf.train.adam. */
export async function tfjsStep(images: Float32Array, labels: Uint8Array, batch: number): Promise<() => void> {
  await registerTfjsGradients();
  await tf.setBackend('cpu');
  await tf.ready();
  const w1 = tf.variable(tf.randomNormal([5, 5, 1, 8], 0, 0.28, 'float32', 1));
  const b1 = tf.variable(tf.zeros([8]));
  const w2 = tf.variable(tf.randomNormal([5, 5, 8, 16], 0, 0.1, 'float32', 2));
  const b2 = tf.variable(tf.zeros([16]));
  const w3 = tf.variable(tf.randomNormal([256, 10], 0, 0.09, 'float32', 3));
  const b3 = tf.variable(tf.zeros([10]));
  const optimizer = tf.train.adam(0.002);
  const count = Math.floor(labels.length / batch);
  const xs = Array.from({ length: count }, (_, k) =>
    tf.tensor4d(images.subarray(k * batch * 784, (k + 1) * batch * 784), [batch, 28, 28, 1]),
  );
  const ys = Array.from({ length: count }, (_, k) =>
    tf.oneHot(tf.tensor1d(labels.subarray(k * batch, (k + 1) * batch), 'int32'), 10),
  );
  let cursor = 0;
  return () => {
    const x = xs[cursor % count] as tf.Tensor4D;
    const y = ys[cursor % count] as tf.Tensor2D;
    cursor++;
    const cost = optimizer.minimize(() => {
      const c1 = tf.relu(tf.add(tf.conv2d(x, w1 as tf.Tensor4D, 1, 'same'), b1));
      const p1 = tf.maxPool(c1 as tf.Tensor4D, 2, 2, 'valid');
      const c2 = tf.relu(tf.add(tf.conv2d(p1, w2 as tf.Tensor4D, 1, 'same'), b2));
      const p2 = tf.maxPool(c2 as tf.Tensor4D, 3, 3, 'valid');
      const logits = tf.add(tf.matMul(tf.reshape(p2, [batch, 256]), w3), b3);
      return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
    }, true);
    cost?.dataSync();
    cost?.dispose();
  };
}

import { conv2d } from '../src/conv2d';
import { pool2d } from '../src/pool2d';
import type { Tensor } from '../src/tensor';
import { randomTensor } from '../src/testing/random-tensor';
import { fromWasm, toWasm, wasmScope } from '../src/wasm-memory';
import { goalAtLeast } from './goals';
import { type Contender, measureInterleaved, residentContender } from './measure';
import { type BenchSection, ms, ratio } from './report';
import { tf, tfjsContender, toHwio, toNhwc } from './tfjs';

/**
 * The edit-to-paint network of issue 14 as one compute chain: a 512×512 RGB image → conv 3×3×16 +
 * bias + relu → max pool 2×2 → conv 3×3×32 + bias + relu → max pool 2×2, every intermediate read.
 */
export async function chainSection(): Promise<BenchSection> {
  const x = randomTensor([3, 512, 512], 1);
  const w1 = randomTensor([16, 3, 3, 3], 2);
  const w2 = randomTensor([32, 16, 3, 3], 3);
  const b1 = randomTensor([16], 4);
  const b2 = randomTensor([32], 5);
  const chain = (input: Tensor): Tensor[] => {
    const c1 = conv2d(input, w1, { padding: 'same', bias: b1, activation: 'relu' });
    const p1 = pool2d(c1, { kind: 'max', size: 2 });
    const c2 = conv2d(p1, w2, { padding: 'same', bias: b2, activation: 'relu' });
    return [c1, p1, c2, pool2d(c2, { kind: 'max', size: 2 })];
  };
  const contenders: Contender[] = [
    { name: 'js tensors', prepare: () => () => chain(x) },
    residentContender(
      'in wasm',
      () => [toWasm(x)],
      ([input]) => wasmScope(() => chain(input as Tensor).map(fromWasm)),
    ),
    tfjsContender(
      'wasm',
      () => [
        tf.tensor4d(toNhwc(x.data, x.shape), [1, 512, 512, 3]),
        tf.tensor4d(toHwio(w1.data, w1.shape), [3, 3, 3, 16]),
        tf.tensor1d(b1.data),
        tf.tensor4d(toHwio(w2.data, w2.shape), [3, 3, 16, 32]),
        tf.tensor1d(b2.data),
      ],
      ([xt, k1, bias1, k2, bias2]) =>
        tf.tidy(() => {
          const c1 = tf.relu(
            tf.add(tf.conv2d(xt as tf.Tensor4D, k1 as tf.Tensor4D, 1, 'same'), bias1 as tf.Tensor),
          );
          const p1 = tf.maxPool(c1 as tf.Tensor4D, 2, 2, 'valid');
          const c2 = tf.relu(tf.add(tf.conv2d(p1, k2 as tf.Tensor4D, 1, 'same'), bias2 as tf.Tensor));
          const p2 = tf.maxPool(c2 as tf.Tensor4D, 2, 2, 'valid');
          for (const t of [c1, p1, c2]) t.dataSync(); // every map is painted
          return p2;
        }),
    ),
  ];
  const timings = await measureInterleaved(contenders, { minRounds: 5, maxRounds: 15, budgetMs: 1500 });
  const [js, inWasm, tfWasm] = timings.map((t) => t.medianMs) as [number, number, number];
  goalAtLeast(
    'chain conv→relu→pool→conv→relu→pool, 512² RGB, in WASM memory',
    'tfjs-wasm',
    tfWasm / inWasm,
    1,
  );
  return {
    title: 'A chain: the edit-to-paint network',
    note: '512×512 RGB → conv 3×3×16 + bias + relu → max pool 2×2 → conv 3×3×32 + bias + relu → max pool 2×2, all four maps read into JS (they are painted). "js tensors": every op on JS tensors (each copies its input in and its output out); "in wasm": the input in WASM memory, every intermediate stays there (fused bias + relu, pooling read in place), each map copied out once; tfjs-wasm: the same ops (conv, add, relu, maxPool) and reads.',
    headers: ['chain', 'ms', '÷ in wasm', '×tfjs-wasm'],
    rows: [
      ['js tensors', ms(js), ratio(js / inWasm), ratio(tfWasm / js)],
      ['in wasm', ms(inWasm), ratio(1), ratio(tfWasm / inWasm)],
      ['tfjs-wasm', ms(tfWasm), ratio(tfWasm / inWasm), ratio(1)],
    ],
  };
}

import { pool2d } from '../src/pool2d';
import { createRandom } from '../src/random';
import { Tensor } from '../src/tensor';
import { type Contender, measureInterleaved } from './measure';
import { type BenchSection, ms, ratio } from './report';
import { tf, tfjsContender, toNhwc } from './tfjs';

const POOL_SHAPES = [
  { channels: 3, size: 256 },
  { channels: 32, size: 128 },
] as const;

/** Max and average pooling, 2×2 stride 2, against both tfjs backends. */
export async function poolSection(): Promise<BenchSection> {
  const rows: string[][] = [];
  for (const { channels, size } of POOL_SHAPES) {
    const random = createRandom(7);
    const x = new Tensor([channels, size, size], Float32Array.from({ length: channels * size * size }, random));
    const nhwc = toNhwc(x.data, x.shape);
    for (const kind of ['max', 'avg'] as const) {
      const convbook: Contender = { name: 'convbook', prepare: () => () => pool2d(x, { kind, size: 2 }) };
      const tfPool = (backend: 'wasm' | 'cpu') =>
        tfjsContender(
          backend,
          () => [tf.tensor4d(nhwc, [1, size, size, channels])],
          ([xt]) => (kind === 'max' ? tf.maxPool : tf.avgPool)(xt as tf.Tensor4D, 2, 2, 'valid'),
        );
      const timings = await measureInterleaved([convbook, tfPool('wasm'), tfPool('cpu')], { budgetMs: 500 });
      const [mine, wasm, cpu] = timings.map((t) => t.medianMs) as [number, number, number];
      rows.push([`${kind} 2×2, ${channels}×${size}×${size}`, ms(mine), ms(wasm), ms(cpu), ratio(wasm / mine), ratio(cpu / mine)]);
    }
  }
  return {
    title: 'pool2d 2×2 stride 2',
    note: 'Max pooling also records the argmax for the backward pass; average pooling divides by the real cells per window.',
    headers: ['pool', 'convbook ms', 'tfjs-wasm ms', 'tfjs-cpu ms', '×wasm', '×cpu'],
    rows,
  };
}

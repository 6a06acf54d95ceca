import { getKernels } from '../src/backend/active-kernels';
import type { PoolGeometry } from '../src/backend/kernels';
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
    const x = new Tensor(
      [channels, size, size],
      Float32Array.from({ length: channels * size * size }, random),
    );
    const nhwc = toNhwc(x.data, x.shape);
    for (const kind of ['max', 'avg'] as const) {
      const convbook: Contender = { name: 'convbook', prepare: () => () => pool2d(x, { kind, size: 2 }) };
      const half = size / 2;
      const g: PoolGeometry = {
        channels,
        height: size,
        width: size,
        sizeY: 2,
        sizeX: 2,
        strideY: 2,
        strideX: 2,
        outHeight: half,
        outWidth: half,
      };
      const out = new Float32Array(channels * half * half);
      const argmax = new Int32Array(out.length);
      const kernel: Contender = {
        name: 'kernel',
        prepare: () => () =>
          kind === 'max'
            ? getKernels().maxPool(x.data, g, out, argmax)
            : getKernels().sumPool(x.data, g, out),
      };
      const tfPool = (backend: 'wasm' | 'cpu') =>
        tfjsContender(
          backend,
          () => [tf.tensor4d(nhwc, [1, size, size, channels])],
          ([xt]) => (kind === 'max' ? tf.maxPool : tf.avgPool)(xt as tf.Tensor4D, 2, 2, 'valid'),
        );
      const timings = await measureInterleaved([convbook, kernel, tfPool('wasm'), tfPool('cpu')], {
        budgetMs: 500,
      });
      const [mine, kernelMs, wasm, cpu] = timings.map((t) => t.medianMs) as [number, number, number, number];
      rows.push([
        `${kind} 2×2, ${channels}×${size}×${size}`,
        ms(mine),
        ms(kernelMs),
        ms(wasm),
        ms(cpu),
        ratio(wasm / mine),
        ratio(cpu / mine),
      ]);
    }
  }
  return {
    title: 'pool2d 2×2 stride 2',
    note: '"convbook" is the public pool2d (validation, kernel, and for avg the division by real cells per window, a plain JS loop; these valid pools need no padding copy); "kernel" is the WASM call alone, which copies the input into WASM memory and splits its column phases before the loop. Max pooling also records the argmax for the backward pass. ×wasm and ×cpu compare the public pool2d. A tfjs time includes reading the output back but not moving the input in (its input tensor already sits in the backend memory), and pooling reads each input cell once, so that move is most of the work.',
    headers: ['pool', 'convbook ms', 'kernel ms', 'tfjs-wasm ms', 'tfjs-cpu ms', '×wasm', '×cpu'],
    rows,
  };
}

import { pool2d } from '../src/pool2d';
import { createRandom } from '../src/random';
import { Tensor } from '../src/tensor';
import { fromWasm, toWasm } from '../src/wasm-memory';
import { goalAtLeast } from './goals';
import { type Contender, measureInterleaved, residentContender } from './measure';
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
      const inWasm = residentContender(
        'in wasm',
        () => [toWasm(x)],
        ([input]) => {
          const out = pool2d(input as Tensor, { kind, size: 2 });
          fromWasm(out);
          out.dispose();
        },
      );
      const tfPool = (backend: 'wasm' | 'cpu') =>
        tfjsContender(
          backend,
          () => [tf.tensor4d(nhwc, [1, size, size, channels])],
          ([xt]) => (kind === 'max' ? tf.maxPool : tf.avgPool)(xt as tf.Tensor4D, 2, 2, 'valid'),
        );
      // Many short rounds: reading an output back into fresh JS memory (both sides do) costs 10× more
      // when it page-faults than when it does not, so a few rounds give a coin toss, not a median.
      const timings = await measureInterleaved([convbook, inWasm, tfPool('wasm'), tfPool('cpu')], {
        minRounds: 40,
        maxRounds: 150,
        budgetMs: 700,
      });
      const [mine, wasmResident, wasm, cpu] = timings.map((t) => t.medianMs) as [
        number,
        number,
        number,
        number,
      ];
      const label = `${kind} 2×2, ${channels}×${size}×${size}`;
      goalAtLeast(
        `pool2d ${label}, input in WASM memory`,
        'tfjs-wasm (input in its memory)',
        wasm / wasmResident,
        1,
      );
      rows.push([
        label,
        ms(mine),
        ms(wasmResident),
        ms(wasm),
        ms(cpu),
        ratio(wasm / mine),
        ratio(wasm / wasmResident),
        ratio(cpu / mine),
      ]);
    }
  }
  return {
    title: 'pool2d 2×2 stride 2',
    note: '"convbook" is the public pool2d on a JS tensor: the input is copied into WASM memory (one block copy), pooled by the 2×2 kernel straight from it (no column split) and the output copied out into a new JS tensor. "in wasm" is the same call on a tensor already in WASM memory (`toWasm`), output read back into JS (`fromWasm`) and freed: the same work a tfjs time contains (its input tensor already sits in the backend memory; its time includes reading the output back). Max pooling computes no argmax here (`pool2dRecorded` does, for training). ×wasm compares with tfjs-wasm; "×wasm in wasm" is the like-for-like figure.',
    headers: [
      'pool',
      'convbook ms',
      'in wasm ms',
      'tfjs-wasm ms',
      'tfjs-cpu ms',
      '×wasm',
      '×wasm in wasm',
      '×cpu',
    ],
    rows,
  };
}

import { getKernels, setKernels } from '../src/backend/active-kernels';
import { referenceKernels } from '../src/backend/reference-kernels';
import { matmul } from '../src/matmul';
import type { Tensor } from '../src/tensor';
import { randomTensor } from '../src/testing/random-tensor';
import { fromWasm, toWasm } from '../src/wasm-memory';
import { goalAtLeast } from './goals';
import { type Contender, measureInterleaved, residentContender } from './measure';
import { type BenchSection, gflops, ms, ratio } from './report';
import { tf, tfjsContender } from './tfjs';

interface MatmulCase {
  readonly label: string;
  /** Stored shapes of A and B, and the transposes applied. */
  readonly a: [number, number];
  readonly b: [number, number];
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

const CASES: readonly MatmulCase[] = [
  { label: 'dense 800→10, batch 20 (X·Wᵀ)', a: [20, 800], b: [10, 800], transposeA: false, transposeB: true },
  {
    label: 'dense 256→128, batch 20 (X·Wᵀ)',
    a: [20, 256],
    b: [128, 256],
    transposeA: false,
    transposeB: true,
  },
  { label: 'its dW, 128×256 (dYᵀ·X)', a: [20, 128], b: [20, 256], transposeA: true, transposeB: false },
  { label: 'square 256×256×256', a: [256, 256], b: [256, 256], transposeA: false, transposeB: false },
];

/** matmul (the dense layers' product) against tfjs and the reference loops. */
export async function matmulSection(): Promise<BenchSection> {
  const rows: string[][] = [];
  for (const c of CASES) {
    const a = randomTensor(c.a, 1);
    const b = randomTensor(c.b, 2);
    const options = { transposeA: c.transposeA, transposeB: c.transposeB };
    const m = c.transposeA ? c.a[1] : c.a[0];
    const k = c.transposeA ? c.a[0] : c.a[1];
    const n = c.transposeB ? c.b[0] : c.b[1];
    const flops = 2 * m * k * n;
    const wasm = getKernels();
    const contenders: Contender[] = [
      { name: 'convbook', prepare: () => () => matmul(a, b, options) },
      residentContender(
        'in wasm',
        () => [toWasm(a), toWasm(b)],
        ([ra, rb]) => {
          const out = matmul(ra as Tensor, rb as Tensor, options);
          fromWasm(out);
          out.dispose();
        },
      ),
      {
        name: 'reference',
        prepare: () => () => {
          setKernels(referenceKernels);
          matmul(a, b, options);
          setKernels(wasm);
        },
      },
      ...(['wasm', 'cpu'] as const).map((backend) =>
        tfjsContender(
          backend,
          () => [tf.tensor2d(a.data, c.a), tf.tensor2d(b.data, c.b)],
          ([x, y]) => tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D, c.transposeA, c.transposeB),
        ),
      ),
    ];
    const timings = await measureInterleaved(contenders, { budgetMs: 400 });
    const [mine, inWasm, reference, tfWasm, tfCpu] = timings.map((t) => t.medianMs) as number[] as [
      number,
      number,
      number,
      number,
      number,
    ];
    goalAtLeast(`matmul ${c.label}, inputs in WASM memory`, 'tfjs-wasm', tfWasm / inWasm, 1);
    rows.push([
      c.label,
      ms(mine),
      gflops(flops, mine),
      ms(inWasm),
      gflops(flops, inWasm),
      ms(reference),
      ms(tfWasm),
      gflops(flops, tfWasm),
      ms(tfCpu),
      ratio(tfWasm / mine),
      ratio(tfWasm / inWasm),
      ratio(reference / mine),
    ]);
  }
  return {
    title: 'matmul (dense layers)',
    note: '`matmul(a, b, { transposeA, transposeB, bias })` on the SIMD 4×8 register tile. "convbook" is the public call on JS tensors (inputs copied in, B packed, output copied out); "in wasm" has both inputs already in WASM memory and reads the output back; "reference" is the readable JS loop. tfjs times include reading the output back. ×wasm compares with tfjs-wasm (XNNPACK); ×ref with the reference loop.',
    headers: [
      'product',
      'convbook ms',
      'GF/s',
      'in wasm ms',
      'GF/s',
      'reference ms',
      'tfjs-wasm ms',
      'GF/s',
      'tfjs-cpu ms',
      '×wasm',
      '×wasm in wasm',
      '×ref',
    ],
    rows,
  };
}

import { loadavg } from 'node:os';
import { getKernels } from '../src/backend/active-kernels';
import { WasmWorkspace } from '../src/backend/wasm-workspace';
import { createRandom } from '../src/random';
import { DIGITS_CNN_LAYERS } from '../src/train/digits-cnn';
import { Network } from '../src/train/network';
import { softmaxCrossEntropyBatch } from '../src/train/softmax-batch';
import { NativeSoftmaxLoss } from '../src/train/softmax-native';
import { type Contender, measureInterleaved, type Timing } from './measure';
import { type BenchSection, ms, ratio } from './report';

const BATCH = 20;
const STEPS = 10;

const timeOf = (timings: readonly Timing[], name: string) =>
  timings.find((t) => t.name === name)?.medianMs ?? Number.NaN;
const bestOf = (timings: readonly Timing[], name: string) =>
  timings.find((t) => t.name === name)?.bestMs ?? Number.NaN;

/** A network on 40 batches of synthetic digits (blobs of ink in [0, 1]; the speed does not read them). */
function trainer(options: ConstructorParameters<typeof Network>[3]): () => void {
  const net = new Network([1, 28, 28], DIGITS_CNN_LAYERS, BATCH, options);
  net.initialize(createRandom(1), (p) => (p.layerId === 'dense' ? 'glorot' : 'he'));
  const random = createRandom(2);
  const images = Float32Array.from({ length: 40 * BATCH * 784 }, () => Math.max(0, random() * 2 - 1));
  const labels = Uint8Array.from({ length: 40 * BATCH }, () => Math.floor(random() * 10));
  let batch = 0;
  return () => {
    for (let s = 0; s < STEPS; s++, batch = (batch + 1) % 40) {
      net.input.set(images.subarray(batch * BATCH * 784, (batch + 1) * BATCH * 784));
      net.trainStep(labels.subarray(batch * BATCH, (batch + 1) * BATCH), BATCH, {
        optimizer: 'adam',
        learningRate: 0.002,
        weightDecay: 1e-4,
      });
    }
  };
}

function lossContenders(): Contender[] {
  const native = getKernels().native;
  const random = createRandom(3);
  const logits = Float32Array.from({ length: BATCH * 10 }, () => random() * 8 - 4);
  const labels = Uint8Array.from({ length: BATCH }, () => Math.floor(random() * 10));
  const grad = new Float32Array(BATCH * 10);
  const reference: Contender = {
    name: 'loss reference',
    prepare: () => () => {
      for (let r = 0; r < 100; r++) softmaxCrossEntropyBatch(logits, labels, BATCH, 10, grad);
    },
  };
  if (native === undefined) return [reference];
  const loss = new NativeSoftmaxLoss(new WasmWorkspace(native), 10, BATCH);
  return [
    reference,
    {
      name: 'loss wasm',
      prepare: () => () => {
        for (let r = 0; r < 100; r++) loss.run(logits, labels, BATCH, BATCH, grad);
      },
    },
  ];
}

/** One training step before (conv one example at a time) and after (the batch in the layer's blocks). */
export async function trainSection(): Promise<BenchSection> {
  const load = loadavg()[0]?.toFixed(2) ?? '?';
  const contenders: Contender[] = [
    {
      name: 'before',
      prepare: (() => {
        const run = trainer({ convAlgorithm: 'direct' });
        return () => run;
      })(),
    },
    {
      name: 'after',
      prepare: (() => {
        const run = trainer({});
        return () => run;
      })(),
    },
    ...lossContenders(),
  ];
  const timings = await measureInterleaved(contenders, { minRounds: 9, maxRounds: 30, budgetMs: 4000 });
  const step = (name: string) => timeOf(timings, name) / STEPS;
  const examples = (stepMs: number) => Math.round((BATCH * 1000) / stepMs).toLocaleString('en-US');
  const before = step('before');
  const after = step('after');
  const rows = [
    ['train step, conv one example at a time (before)', ms(before), examples(before), '1.00×', '1.00×'],
    [
      'train step, conv on the whole batch (after)',
      ms(after),
      examples(after),
      ratio(before / after),
      ratio(bestOf(timings, 'before') / bestOf(timings, 'after')),
    ],
  ];
  const lossRef = timeOf(timings, 'loss reference') / 100;
  const lossWasm = timeOf(timings, 'loss wasm') / 100;
  if (Number.isFinite(lossWasm)) {
    const fmt = (v: number) => `${(v * 1000).toFixed(1)} µs`;
    rows.push(['softmax cross-entropy + gradient, 20×10, TypeScript', fmt(lossRef), '', '1.00×', '']);
    rows.push(['same, one fused WASM call', fmt(lossWasm), '', ratio(lossRef / lossWasm), '']);
  }
  return {
    title: 'Training step, one thread: before and after',
    note: `The digits network (conv 5×5×8 → pool 2 → conv 5×5×16 → pool 3 → dense 10), batch 20, Adam, on synthetic digits; runs of ${STEPS} steps, the two networks taking turns in one process (load average ${load} at the start of this section). "before" runs each conv example by example through the kernels' convForward/convBackward* (scratch blocks per call, convAlgorithm 'direct'); "after" is the default: every layer keeps its WASM blocks, conv forward and dx run the direct loop on the padded batch (dx on the padded gradient with the kernels turned), dw is im2col + gemm over the whole batch, and the loss is one fused WASM call (nothing allocated after the first step: network.allocation.test.ts). × is before ÷ after; "fastest" compares the best runs. Examples/s are per thread; the digits data and ConvNetJS are in the training section of packages/cells/bench/train-bench.ts.`,
    headers: ['what', 'ms per step', 'examples/s', '×before', 'fastest ×before'],
    rows,
  };
}

// pnpm --filter @convbook/cells bench (after the runtime bench): one training step (forward, backward,
// update; batch 20) of the digits network in Convbook, in ConvNetJS 0.3.0 (adadelta, as its MNIST demo)
// and in TensorFlow.js on its CPU backend (Adam), interleaved in one process on the same digits; then the
// whole examples/digits.json run through the headless runner. Writes its section into BENCHMARKS.md.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type ConvGeometry, createRandom, getKernels, Network, ready } from '@convbook/core';
import { runNotebook } from '../src/cli/run-notebook';
import { DIGIT_PIXELS, loadDigits } from '../src/kinds/digits/digits-data';
import { writeBenchmarksBlock } from './benchmarks-block';
import { convnetjsStep, digitsLayerSpecs, tfjsStep } from './train-engines';

const BENCHMARKS = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../../examples/digits.json', import.meta.url));
const BATCH = 20;
const ROUNDS = 9;
/** Multiply-adds per example: forward 786,560 (conv1 156,800 + conv2 627,200 + dense 2,560); backward
 * twice that (input and weight gradients) except conv1's input gradient, which nobody needs. */
const FORWARD_MACS = 156_800 + 627_200 + 2_560;
const TRAIN_FLOP = 2 * (3 * FORWARD_MACS - 156_800);

const started = Date.now();
const load = loadavg()[0] ?? 0;
await ready();
const digits = await loadDigits();
const images = Float32Array.from(digits.pixels.subarray(0, 2000 * DIGIT_PIXELS), (v) => v / 255);
const labels = digits.labels.subarray(0, 2000);

const network = new Network([1, 28, 28], digitsLayerSpecs, BATCH);
network.initialize(createRandom(1), (p) => (p.layerId === 'dense' ? 'glorot' : 'he'));
let cursor = 0;
const convbookStep = (): void => {
  const from = (cursor % 100) * BATCH;
  network.input.set(images.subarray(from * DIGIT_PIXELS, (from + BATCH) * DIGIT_PIXELS));
  network.trainStep(labels.subarray(from, from + BATCH), BATCH, { optimizer: 'adam', learningRate: 0.002 });
  cursor++;
};
const convnet = convnetjsStep(createRequire(import.meta.url)('convnetjs'), images, labels, BATCH);
const tfjs = await tfjsStep(images, labels, BATCH);

const engines = [
  { name: 'Convbook (WASM SIMD conv, JS dense)', step: convbookStep, reps: 20, times: [] as number[] },
  { name: 'ConvNetJS 0.3.0, adadelta', step: convnet, reps: 2, times: [] as number[] },
  { name: 'TensorFlow.js 4.22 cpu, Adam', step: tfjs, reps: 3, times: [] as number[] },
];
for (const e of engines) for (let i = 0; i < e.reps; i++) e.step(); // warm-up (JIT, tfjs kernels)
for (let round = 0; round < ROUNDS; round++) {
  for (const e of engines) {
    const t0 = performance.now();
    for (let i = 0; i < e.reps; i++) e.step();
    e.times.push((performance.now() - t0) / e.reps);
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const peak = simdPeak();
const perSecond = (ms: number): number => (BATCH * 1000) / ms;
const convnetRate = perSecond(median(engines[1]?.times ?? [1]));

console.log('whole run: examples/digits.json through the runner…');
const run = await runNotebook(readFileSync(EXAMPLE, 'utf8'), { outDir: '/tmp/convbook-train-bench' });
const train = run.cells.find((c) => c.kind === 'train');

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rows = engines.map((e) => {
  const ms = median(e.times);
  const rate = perSecond(ms);
  const gflops = (rate * TRAIN_FLOP) / 1e9;
  return `| ${e.name} | ${fmt(ms, 1)} | ${fmt(rate)} | ${fmt(gflops, 2)} | ${fmt((100 * gflops) / peak, 1)}% | ${fmt(rate / convnetRate, 1)}× |`;
});
const wholeRate = train?.examplesPerSecond ?? 0;
const markdown = `## Training: the digits network (conv 5×5×8 → pool 2 → conv 5×5×16 → pool 3 → dense 10)

packages/cells/bench/train-bench.ts. One training step = forward, backward and update on a batch of 20 digits, ${fmt(TRAIN_FLOP / 1e6, 2)} MFLOP per example (2 × multiply-adds). The three engines take turns in one process, ${ROUNDS} rounds, median per step. "SIMD peak" is the WASM conv kernel alone on a large conv (32×64×64 → 64×5×5) in the same run: ${fmt(peak, 1)} GFLOP/s. ×ConvNetJS divides examples/s. Node ${process.version}, ${availableParallelism()} cores, load average ${load.toFixed(2)} at start (other processes share the cores, so these are noisy).

| engine | ms per step | examples/s | GFLOP/s | of SIMD peak | ×ConvNetJS |
| :-- | --: | --: | --: | --: | --: |
${rows.join('\n')}

Whole run, \`convbook run examples/digits.json\` (${fmt(train?.steps ?? 0)} steps, random shifts, test scoring every quarter epoch, one thread): ${fmt(train?.examplesSeen ?? 0)} examples in ${fmt(train?.seconds ?? 0, 1)} s = **${fmt(wholeRate)} examples/s, ${fmt(wholeRate / convnetRate, 1)}× ConvNetJS**, test accuracy **${fmt(100 * (train?.testAccuracy ?? 0), 2)}%** on the 2,000 held-out digits (train ${fmt(100 * (train?.trainAccuracy ?? 0), 2)}%). Bench run: ${fmt((Date.now() - started) / 1000)} s.`;
console.log(markdown);
writeBenchmarksBlock(BENCHMARKS, 'train-bench', markdown);

/** GFLOP/s of the active conv kernel on a big, SIMD-friendly conv: the ceiling a training step can reach. */
function simdPeak(): number {
  const g: ConvGeometry = {
    channels: 32,
    height: 68,
    width: 68,
    outChannels: 64,
    kernelHeight: 5,
    kernelWidth: 5,
    strideY: 1,
    strideX: 1,
    dilationY: 1,
    dilationX: 1,
    outHeight: 64,
    outWidth: 64,
  };
  const random = createRandom(3);
  const x = Float32Array.from({ length: 32 * 68 * 68 }, () => random() - 0.5);
  const w = Float32Array.from({ length: 64 * 32 * 25 }, () => random() - 0.5);
  const out = new Float32Array(64 * 64 * 64);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    getKernels().convForward(x, w, null, g, out);
    times.push(performance.now() - t0);
  }
  const flop = 2 * 64 * 64 * 64 * 32 * 25;
  return flop / (Math.min(...times) * 1e6);
}

// pnpm --filter @convbook/cells exec tsx bench/profile-train-step.ts: where a training step of the digits
// network spends its time, layer by layer (forward and backward), one thread, batch 20. Prints only.
import { createRandom, DIGITS_CNN_LAYERS, type Layer, Network, ready } from '@convbook/core';
import { DIGIT_PIXELS, loadDigits } from '../src/kinds/digits/digits-data';

const BATCH = 20;
const STEPS = 100;
await ready();
const digits = await loadDigits();
const images = Float32Array.from(digits.pixels.subarray(0, 2000 * DIGIT_PIXELS), (v) => v / 255);
const labels = digits.labels.subarray(0, 2000);
const network = new Network([1, 28, 28], DIGITS_CNN_LAYERS, BATCH);
network.initialize(createRandom(1), (p) => (p.layerId === 'dense' ? 'glorot' : 'he'));

const spent = new Map<string, number>();
/** Wraps one method of a layer so each call adds its time under `name`. */
function timed(layer: Layer, method: 'forward' | 'backward', name: string): void {
  const inner = layer[method].bind(layer) as (...args: unknown[]) => void;
  (layer as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
    const t0 = performance.now();
    inner(...args);
    spent.set(name, (spent.get(name) ?? 0) + performance.now() - t0);
  };
}
for (const layer of network.layers) {
  timed(layer, 'forward', `${layer.id} forward`);
  timed(layer, 'backward', `${layer.id} backward`);
}
let cursor = 0;
const step = (): void => {
  const from = (cursor++ % 100) * BATCH;
  network.input.set(images.subarray(from * DIGIT_PIXELS, (from + BATCH) * DIGIT_PIXELS));
  network.trainStep(labels.subarray(from, from + BATCH), BATCH, { optimizer: 'adam', learningRate: 0.002 });
};
for (let i = 0; i < 30; i++) step();
spent.clear();
const t0 = performance.now();
for (let i = 0; i < STEPS; i++) step();
const total = (performance.now() - t0) / STEPS;
console.log(`step ${total.toFixed(2)} ms, ${((BATCH * 1000) / total).toFixed(0)} examples/s`);
for (const [name, ms] of spent) {
  console.log(
    `${name.padEnd(18)} ${(ms / STEPS).toFixed(3)} ms  ${((100 * ms) / STEPS / total).toFixed(1)}%`,
  );
}

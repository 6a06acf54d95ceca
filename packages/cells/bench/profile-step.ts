import { createRandom, Network, ready } from '@convbook/core';
import { DIGIT_PIXELS, loadDigits } from '../src/kinds/digits/digits-data';
import { digitsLayerSpecs } from './train-engines';

await ready();
const digits = await loadDigits();
const images = Float32Array.from(digits.pixels.subarray(0, 2000 * DIGIT_PIXELS), (v) => v / 255);
const labels = digits.labels.subarray(0, 2000);
const B = 20;
const net = new Network([1, 28, 28], digitsLayerSpecs, B);
net.initialize(createRandom(1), (p) => (p.layerId === 'dense' ? 'glorot' : 'he'));
const times = new Map<string, number>();
const wrap =
  (name: string, f: (...a: unknown[]) => void) =>
  (...a: unknown[]) => {
    const t = performance.now();
    f(...a);
    times.set(name, (times.get(name) ?? 0) + performance.now() - t);
  };
for (const l of net.layers as any[]) {
  l.forward = wrap(l.id + ' fwd', l.forward.bind(l));
  l.backward = wrap(l.id + ' bwd', l.backward.bind(l));
}
let c = 0;
const step = () => {
  const f = (c++ % 100) * B;
  net.input.set(images.subarray(f * 784, (f + B) * 784));
  net.trainStep(labels.subarray(f, f + B), B, { optimizer: 'adam', learningRate: 0.002 });
};
for (let i = 0; i < 30; i++) step();
times.clear();
const N = 100;
const t0 = performance.now();
for (let i = 0; i < N; i++) step();
const total = (performance.now() - t0) / N;
console.log('step ms', total.toFixed(2), 'ex/s', ((B * 1000) / total).toFixed(0));
for (const [k, v] of times) console.log(k.padEnd(14), (v / N).toFixed(3));

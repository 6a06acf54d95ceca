import type { Random } from '../random';

/**
 * Seeded weight initialisation. He (Kaiming) normal keeps the variance of ReLU activations steady from
 * layer to layer: std = √(2 / fanIn). Glorot (Xavier) uniform balances forward and backward variance for
 * layers without ReLU: U(−l, l), l = √(6 / (fanIn + fanOut)). Biases start at zero.
 */
export type InitName = 'he' | 'glorot';

export function initWeights(
  target: Float32Array,
  init: InitName,
  fanIn: number,
  fanOut: number,
  random: Random,
): void {
  if (init === 'he') {
    const std = Math.sqrt(2 / Math.max(fanIn, 1));
    for (let i = 0; i < target.length; i++) target[i] = random.gaussian() * std;
    return;
  }
  const limit = Math.sqrt(6 / Math.max(fanIn + fanOut, 1));
  for (let i = 0; i < target.length; i++) target[i] = (random() * 2 - 1) * limit;
}

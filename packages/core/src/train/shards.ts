import type { LayerParams } from './layers';

/**
 * How a batch's gradient is summed. The batch is cut into at most two fixed shards (first half, rounded
 * up, then the rest), each shard's gradient is summed example by example, and the shard gradients are
 * added in shard order. The order depends only on the batch size, never on how many threads compute
 * the shards, so one thread and two give bit-for-bit the same weights (Node and the browser alike).
 */
export interface Shard {
  readonly from: number;
  readonly count: number;
}

export const MAX_SHARDS = 2;

export function gradientShards(batch: number): Shard[] {
  if (batch < 2) return [{ from: 0, count: batch }];
  const first = Math.ceil(batch / 2);
  return [
    { from: 0, count: first },
    { from: first, count: batch - first },
  ];
}

/** A shard's loss summed over its examples (not averaged: shards of a batch may differ in size). */
export interface ShardLoss {
  readonly lossSum: number;
  readonly correct: number;
}

export function shardOf(labels: ArrayLike<number>, from: number, count: number): ArrayLike<number> {
  if (from === 0) return labels;
  return ArrayBuffer.isView(labels)
    ? (labels as unknown as Uint8Array).subarray(from, from + count)
    : Array.from({ length: count }, (_, i) => labels[from + i] ?? 0);
}

/** Every parameter gradient of a network in one flat array: [w₀, b₀, w₁, b₁, …] in layer order. */
export function gradientLength(params: readonly LayerParams[]): number {
  return params.reduce((n, p) => n + p.gradWeights.length + p.gradBias.length, 0);
}

export function packGradients(params: readonly LayerParams[], out: Float32Array): Float32Array {
  let at = 0;
  for (const p of params) {
    out.set(p.gradWeights, at);
    at += p.gradWeights.length;
    out.set(p.gradBias, at);
    at += p.gradBias.length;
  }
  return out;
}

export function packWeights(params: readonly LayerParams[], out: Float32Array): Float32Array {
  let at = 0;
  for (const p of params) {
    out.set(p.weights, at);
    at += p.weights.length;
    out.set(p.bias, at);
    at += p.bias.length;
  }
  return out;
}

export function unpackWeights(params: readonly LayerParams[], packed: Float32Array): void {
  let at = 0;
  for (const p of params) {
    p.weights.set(packed.subarray(at, at + p.weights.length));
    at += p.weights.length;
    p.bias.set(packed.subarray(at, at + p.bias.length));
    at += p.bias.length;
  }
}

/** The running sum of shard gradients, allocated once per network. */
export class GradientTotal {
  private readonly total: Float32Array;

  constructor(params: readonly LayerParams[]) {
    this.total = new Float32Array(gradientLength(params));
  }

  /** Adds the gradients now in `params` (or copies them, for the first shard). */
  accumulate(params: readonly LayerParams[], first: boolean): void {
    if (first) {
      packGradients(params, this.total);
      return;
    }
    let at = 0;
    for (const p of params) {
      at = addAt(this.total, p.gradWeights, at);
      at = addAt(this.total, p.gradBias, at);
    }
  }

  /** Adds a shard gradient that arrived packed (from another thread). */
  accumulatePacked(packed: Float32Array): void {
    const total = this.total;
    for (let i = 0; i < total.length; i++) total[i] = (total[i] ?? 0) + (packed[i] ?? 0);
  }

  /** Writes the sum into every gradWeights/gradBias, where the optimizer reads it. */
  writeBack(params: readonly LayerParams[]): void {
    let at = 0;
    for (const p of params) {
      p.gradWeights.set(this.total.subarray(at, at + p.gradWeights.length));
      at += p.gradWeights.length;
      p.gradBias.set(this.total.subarray(at, at + p.gradBias.length));
      at += p.gradBias.length;
    }
  }
}

function addAt(total: Float32Array, values: Float32Array, at: number): number {
  for (let i = 0; i < values.length; i++) total[at + i] = (total[at + i] ?? 0) + (values[i] ?? 0);
  return at + values.length;
}

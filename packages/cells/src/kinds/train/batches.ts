import { createRandom } from '@convbook/core';
import type { DatasetSplit } from './train-value';

/**
 * Fills a network's input buffer with examples, as floats in 0–1. Training batches follow a fixed order:
 * epoch e visits the training split in a shuffle seeded by (seed, e), and step s's random shifts are seeded
 * by (seed, s), so a run stopped at step s and resumed gives the same batches as one that never stopped,
 * and Node and the browser see the same numbers.
 */
export class BatchFeeder {
  private order: Int32Array;
  private orderEpoch = -1;

  constructor(
    private readonly split: DatasetSplit,
    private readonly side: readonly [number, number],
    private readonly batchSize: number,
    private readonly seed: number,
    private readonly shift: number,
  ) {
    this.order = new Int32Array(split.count);
  }

  get stepsPerEpoch(): number {
    return Math.max(1, Math.floor(this.split.count / this.batchSize));
  }

  /** Writes step `step`'s batch into `input` and its labels into `labels`; returns the batch size. */
  trainBatch(step: number, input: Float32Array, labels: Uint8Array): number {
    const epoch = Math.floor(step / this.stepsPerEpoch);
    if (epoch !== this.orderEpoch) this.shuffle(epoch);
    const start = (step % this.stepsPerEpoch) * this.batchSize;
    const batch = Math.min(this.batchSize, this.split.count - start);
    const random = createRandom(mix(this.seed, step + 1));
    for (let b = 0; b < batch; b++) {
      const index = this.order[start + b] ?? 0;
      labels[b] = this.split.labels[index] ?? 0;
      const dy = Math.floor(random() * (2 * this.shift + 1)) - this.shift;
      const dx = Math.floor(random() * (2 * this.shift + 1)) - this.shift;
      copyShifted(this.split.pixels, index, input, b, this.side, dy, dx);
    }
    return batch;
  }

  private shuffle(epoch: number): void {
    const random = createRandom(mix(this.seed, 0x9e3779b9 + epoch));
    const order = this.order;
    for (let i = 0; i < order.length; i++) order[i] = i;
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i] ?? 0;
      order[i] = order[j] ?? 0;
      order[j] = t;
    }
    this.orderEpoch = epoch;
  }
}

/** Copies examples [from, from + batch) of a split unshifted; returns how many were copied. */
export function fixedBatch(
  split: DatasetSplit,
  from: number,
  maxBatch: number,
  side: readonly [number, number],
  input: Float32Array,
  labels: Uint8Array,
): number {
  const batch = Math.min(maxBatch, split.count - from);
  for (let b = 0; b < batch; b++) {
    labels[b] = split.labels[from + b] ?? 0;
    copyShifted(split.pixels, from + b, input, b, side, 0, 0);
  }
  return batch;
}

/** Example `index` moved by (dy, dx) pixels (paper fills the uncovered edge) into slot `slot` of `input`. */
function copyShifted(
  pixels: Uint8Array,
  index: number,
  input: Float32Array,
  slot: number,
  [height, width]: readonly [number, number],
  dy: number,
  dx: number,
): void {
  const size = height * width;
  const from = index * size;
  const to = slot * size;
  for (let y = 0; y < height; y++) {
    const sy = y - dy;
    const row = to + y * width;
    if (sy < 0 || sy >= height) {
      input.fill(0, row, row + width);
      continue;
    }
    for (let x = 0; x < width; x++) {
      const sx = x - dx;
      input[row + x] = sx < 0 || sx >= width ? 0 : (pixels[from + sy * width + sx] ?? 0) / 255;
    }
  }
}

/** Combines two integers into a seed (a simple avalanche hash, so nearby steps get unrelated streams). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x85ebca6b, 0xc2b2ae35) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

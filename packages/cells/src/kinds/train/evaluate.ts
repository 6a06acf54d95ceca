import { at, type Network } from '@convbook/core';
import { fixedBatch } from './batches';
import type { DatasetSplit, WrongExample } from './train-value';

/**
 * Scores a network on a split without training: accuracy, and optionally the confusion matrix and the
 * most confidently wrong examples. Runs in the network's own buffers, `maxBatch` examples at a time.
 */
export interface Evaluation {
  readonly accuracy: number;
  readonly loss: number;
  readonly confusion?: number[][];
  readonly wrong?: WrongExample[];
}

export function evaluateSplit(
  network: Network,
  split: DatasetSplit,
  side: readonly [number, number],
  options: { readonly limit?: number; readonly details?: boolean; readonly wrongCount?: number } = {},
): Evaluation {
  const count = Math.min(options.limit ?? split.count, split.count);
  const classes = network.classes;
  const labels = new Uint8Array(network.maxBatch);
  const confusion = options.details
    ? Array.from({ length: classes }, () => new Array<number>(classes).fill(0))
    : undefined;
  const wrong: { index: number; label: number; predicted: number; confidence: number }[] = [];
  let correct = 0;
  let loss = 0;
  for (let from = 0; from < count; from += network.maxBatch) {
    const batch = fixedBatch(
      split,
      from,
      Math.min(network.maxBatch, count - from),
      side,
      network.input,
      labels,
    );
    const result = network.evaluate(labels, batch);
    correct += result.correct;
    loss += result.loss * batch;
    if (confusion === undefined) continue;
    for (let b = 0; b < batch; b++) {
      const row = result.probabilities.subarray(b * classes, (b + 1) * classes);
      let predicted = 0;
      for (let c = 1; c < classes; c++) if ((row[c] ?? 0) > (row[predicted] ?? 0)) predicted = c;
      const label = labels[b] ?? 0;
      const counts = at(confusion, label);
      counts[predicted] = (counts[predicted] ?? 0) + 1;
      if (predicted !== label)
        wrong.push({ index: from + b, label, predicted, confidence: row[predicted] ?? 0 });
    }
  }
  const pixels = side[0] * side[1];
  const mostConfident = wrong
    .sort((a, b) => b.confidence - a.confidence || a.index - b.index)
    .slice(0, options.wrongCount ?? 12)
    .map((w) => ({
      ...w,
      image: Float32Array.from(
        split.pixels.subarray(w.index * pixels, (w.index + 1) * pixels),
        (v) => v / 255,
      ),
    }));
  return {
    accuracy: count === 0 ? 0 : correct / count,
    loss: count === 0 ? 0 : loss / count,
    ...(confusion === undefined ? {} : { confusion, wrong: mostConfident }),
  };
}

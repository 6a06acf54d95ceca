/**
 * Softmax cross-entropy for a batch of class scores against integer labels, the training loss of a
 * classifier. Mean over the batch; dL/dlogits = (softmax − onehot) / meanOver is written in place, where
 * `meanOver` is the batch unless these rows are one shard of a larger batch.
 */
export interface BatchLoss {
  /** Mean −log p(label) over the batch. */
  readonly loss: number;
  /** How many examples had their label as the highest score (ties go to the lower class). */
  readonly correct: number;
}

export function softmaxCrossEntropyBatch(
  logits: Float32Array,
  labels: ArrayLike<number>,
  batch: number,
  classes: number,
  gradLogits: Float32Array | null,
  probabilities?: Float32Array,
  meanOver = batch,
): BatchLoss {
  let total = 0;
  let correct = 0;
  for (let b = 0; b < batch; b++) {
    const row = b * classes;
    const label = labels[b] ?? 0;
    let max = Number.NEGATIVE_INFINITY;
    let best = 0;
    for (let c = 0; c < classes; c++) {
      const v = logits[row + c] ?? 0;
      if (v > max) {
        max = v;
        best = c;
      }
    }
    if (best === label) correct++;
    let sumExp = 0;
    for (let c = 0; c < classes; c++) sumExp += Math.exp((logits[row + c] ?? 0) - max);
    const logSumExp = max + Math.log(sumExp);
    total += logSumExp - (logits[row + label] ?? 0);
    for (let c = 0; c < classes; c++) {
      const p = Math.exp((logits[row + c] ?? 0) - logSumExp);
      if (probabilities !== undefined) probabilities[row + c] = p;
      if (gradLogits !== null) gradLogits[row + c] = (p - (c === label ? 1 : 0)) / meanOver;
    }
  }
  return { loss: total / Math.max(batch, 1), correct };
}

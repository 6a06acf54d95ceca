// Softmax cross-entropy of a batch of class scores against integer labels, loss and gradient in one
// call. Each row is shifted by its largest score before exp, so no exp overflows; log-sum-exp, the
// probabilities and the gradient come from the same shifted sums, in f64 like the TypeScript reference
// (src/train/softmax-batch.ts), rounded to f32 only when stored.

/** How many rows had their label as the highest score, from the last call (ties go to the lower class). */
let correctCount: i32 = 0;

export function lastCorrect(): i32 {
  return correctCount;
}

/**
 * Returns Σ over rows of −log softmax(logits[row])[label]. Writes dL/dlogits = (p − onehot)·scale into
 * `grad` and p into `probabilities` unless either is 0. Labels are i32 and must be in [0, classes).
 * A NaN or ±∞ score makes that row's loss and gradient NaN, as in the reference.
 */
export function softmaxCrossEntropy(
  logits: usize,
  labels: usize,
  grad: usize,
  probabilities: usize,
  batch: i32,
  classes: i32,
  scale: f64,
): f64 {
  let total: f64 = 0;
  let correct = 0;
  for (let b = 0; b < batch; b++) {
    const row = logits + ((<usize>b * <usize>classes) << 2);
    const label = load<i32>(labels + ((<usize>b) << 2));
    let top: f64 = -Infinity;
    let best = 0;
    for (let c = 0; c < classes; c++) {
      const v = <f64>load<f32>(row + ((<usize>c) << 2));
      if (v > top) {
        top = v;
        best = c;
      }
    }
    if (best === label) correct++;
    let sum: f64 = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(<f64>load<f32>(row + ((<usize>c) << 2)) - top);
    const logSumExp = top + Math.log(sum);
    total += logSumExp - <f64>load<f32>(row + ((<usize>label) << 2));
    const at = (<usize>b * <usize>classes) << 2;
    for (let c = 0; c < classes; c++) {
      const p = Math.exp(<f64>load<f32>(row + ((<usize>c) << 2)) - logSumExp);
      const k = at + ((<usize>c) << 2);
      if (probabilities !== 0) store<f32>(probabilities + k, <f32>p);
      if (grad !== 0) store<f32>(grad + k, <f32>((p - (c === label ? 1 : 0)) * scale));
    }
  }
  correctCount = correct;
  return total;
}

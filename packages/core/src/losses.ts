import { formatShape, ShapeError } from './shape-errors';
import { shapeSize, Tensor } from './tensor';

/**
 * Losses with their gradient alongside. Each returns the scalar loss, a per-element (MSE) or per-sample
 * (cross-entropy) map for display, and dL/dinput of the same shape as the input.
 */
export type Reduction = 'mean' | 'sum';

export interface LossOptions {
  /** 'mean' (default) divides by the number of elements (MSE) or samples (cross-entropy). */
  readonly reduction?: Reduction;
}

export interface LossResult {
  readonly loss: number;
  /** MSE: squared error per element. Cross-entropy: −log p(target) per sample. Unreduced. */
  readonly errorMap: Tensor;
  /** dL/d(prediction or logits), same shape as that input. */
  readonly gradient: Tensor;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** L = Σ (p − t)² [/ N]; dL/dp = 2(p − t) [/ N]. Sums run in double precision. */
export function meanSquaredError(prediction: Tensor, target: Tensor, options: LossOptions = {}): LossResult {
  if (!sameShape(prediction.shape, target.shape)) {
    throw new ShapeError(
      'meanSquaredError',
      `target shape ${formatShape(target.shape)} must match the prediction ${formatShape(prediction.shape)}`,
    );
  }
  const n = prediction.size;
  const scale = options.reduction === 'sum' ? 1 : 1 / Math.max(n, 1);
  const errorMap = new Float32Array(n);
  const gradient = new Float32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const diff = (prediction.data[i] ?? 0) - (target.data[i] ?? 0);
    errorMap[i] = diff * diff;
    total += diff * diff;
    gradient[i] = 2 * diff * scale;
  }
  return {
    loss: total * scale,
    errorMap: new Tensor(prediction.shape, errorMap),
    gradient: new Tensor(prediction.shape, gradient),
  };
}

export interface CrossEntropyResult extends LossResult {
  /** Softmax over the class axis, same shape as the logits. */
  readonly probabilities: Tensor;
}

/**
 * Softmax cross-entropy with classes on the FIRST axis: logits `[C]` are one sample, and logits
 * `[C, H, W]` (or any `[C, ...rest]`) hold one sample per pixel of `rest`, classified over axis 0 —
 * the layout a conv layer with C output channels produces.
 *
 * `target` is either class indices (a number for `[C]`, otherwise a tensor of shape `rest`) or a
 * probability tensor of the logits' shape. Softmax uses the log-sum-exp shift, so large logits are safe.
 * Gradient: (softmax − target) [/ samples].
 */
export function softmaxCrossEntropy(
  logits: Tensor,
  target: number | Tensor,
  options: LossOptions = {},
): CrossEntropyResult {
  const op = 'softmaxCrossEntropy';
  const [classes, ...rest] = logits.shape;
  if (classes === undefined || classes < 1) {
    throw new ShapeError(
      op,
      `logits need a class axis of at least 1, got shape ${formatShape(logits.shape)}`,
    );
  }
  const samples = shapeSize(rest);
  const targetProbabilities = toProbabilities(op, target, logits.shape, classes, rest);
  const scale = options.reduction === 'sum' ? 1 : 1 / Math.max(samples, 1);

  const probabilities = new Float32Array(logits.size);
  const gradient = new Float32Array(logits.size);
  const errorMap = new Float32Array(samples);
  let total = 0;
  // Element (c, s) lives at c·samples + s: the classes of one sample are `samples` apart.
  for (let s = 0; s < samples; s++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits.data[c * samples + s] ?? 0);
    let sumExp = 0;
    for (let c = 0; c < classes; c++) sumExp += Math.exp((logits.data[c * samples + s] ?? 0) - max);
    const logSumExp = max + Math.log(sumExp);
    let sampleLoss = 0;
    for (let c = 0; c < classes; c++) {
      const i = c * samples + s;
      const logP = (logits.data[i] ?? 0) - logSumExp;
      const t = targetProbabilities[i] ?? 0;
      if (t !== 0) sampleLoss -= t * logP; // skip t = 0 so a −∞ log-probability cannot make 0·∞ = NaN
      probabilities[i] = Math.exp(logP);
      gradient[i] = (Math.exp(logP) - t) * scale;
    }
    errorMap[s] = sampleLoss;
    total += sampleLoss;
  }
  return {
    loss: total * scale,
    errorMap: new Tensor(rest, errorMap),
    gradient: new Tensor(logits.shape, gradient),
    probabilities: new Tensor(logits.shape, probabilities),
  };
}

/** Expands class indices to one-hot, or checks a probability tensor's shape; returns logits-shaped data. */
function toProbabilities(
  op: string,
  target: number | Tensor,
  logitsShape: readonly number[],
  classes: number,
  rest: readonly number[],
): Float32Array {
  if (target instanceof Tensor && sameShape(target.shape, logitsShape)) return target.data;
  const indices = typeof target === 'number' ? [target] : target.data;
  const indexShape = typeof target === 'number' ? [] : target.shape;
  if (!sameShape(indexShape, rest)) {
    throw new ShapeError(
      op,
      `target shape ${formatShape(indexShape)} matches neither the logits ${formatShape(logitsShape)} ` +
        `(probabilities) nor ${formatShape(rest)} (class indices)`,
    );
  }
  const samples = indices.length;
  const oneHot = new Float32Array(classes * samples);
  for (let s = 0; s < samples; s++) {
    const index = indices[s] ?? 0;
    if (!Number.isInteger(index) || index < 0 || index >= classes) {
      throw new ShapeError(
        op,
        `class index ${index} at position ${s} is out of range for ${classes} classes`,
      );
    }
    oneHot[index * samples + s] = 1;
  }
  return oneHot;
}

import { Tensor } from '@convbook/core';
import { evaluateLoss } from './backprop-chain';
import { withCompute } from './kind-compute';
import { lossSchema } from './loss-schema';

/** Runs loss cells (the schema, loss-schema.ts, is what the page reads). */
export const lossCell = withCompute(lossSchema, {
  validateInputs: ({ target }, params) => {
    if (target === undefined && params.targetClass === undefined) {
      return 'needs a target: wire the "target" input or set targetClass';
    }
    if (target !== undefined && params.targetClass !== undefined) {
      return 'has both a target input and targetClass; keep one';
    }
    return undefined;
  },
  compute: ({ prediction, target }, params) => {
    const result = evaluateLoss(prediction.tensor, {
      loss: params.loss,
      reduction: params.reduction,
      target: lossTarget(target?.tensor, params.targetClass, prediction.tensor.shape, params.loss),
    });
    return { type: 'loss', loss: result.loss, errorMap: result.errorMap, gradient: result.gradient };
  },
});

/**
 * The target as core's losses take it. One `targetClass` for every position becomes a class-index map
 * shaped like the prediction without its class axis; for cross-entropy, a one-channel image of class
 * indices [1, H, W] (how a label map is drawn in a notebook) is read as that [H, W] map.
 */
export function lossTarget(
  target: Tensor | undefined,
  targetClass: number | undefined,
  predictionShape: readonly number[],
  loss: 'mse' | 'cross-entropy',
): Tensor | number {
  const positions = predictionShape.slice(1);
  if (target !== undefined) {
    const isLabelImage =
      loss === 'cross-entropy' &&
      (predictionShape[0] ?? 1) > 1 &&
      target.rank === predictionShape.length &&
      target.shape[0] === 1 &&
      positions.every((n, i) => target.shape[i + 1] === n);
    return isLabelImage ? target.reshape(positions) : target;
  }
  const klass = targetClass ?? 0;
  if (predictionShape.length <= 1) return klass;
  return new Tensor(positions, new Float32Array(positions.reduce((a, b) => a * b, 1)).fill(klass));
}

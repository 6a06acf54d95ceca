import { Tensor } from '@convbook/core';
import { MAX_CHANNELS } from '../document/limits';
import { describe, int, oneOf, optional, withDefault } from '../document/param-schema';
import { evaluateLoss } from './backprop-chain';
import { defineCellKind } from './define-cell-kind';

/**
 * How far a prediction is from a target: mean squared error against a target map, or softmax
 * cross-entropy with classes on the first axis (a target map of class indices or probabilities, or one
 * `targetClass` for every position). The value keeps the per-element error map and dLoss/dPrediction,
 * which a grad cell carries back through the layers.
 */
export const lossCell = defineCellKind({
  kind: 'loss',
  label: 'Loss',
  description: 'Measures how far a prediction is from a target, with the error at every position.',
  inputs: {
    prediction: 'tensor',
    target: { accepts: ['tensor'], optional: true, label: 'Target' },
  },
  params: {
    loss: withDefault(
      describe(
        oneOf('mse', 'cross-entropy'),
        'Loss',
        'Squared error, or softmax cross-entropy over channels.',
      ),
      'mse',
    ),
    reduction: withDefault(
      describe(oneOf('mean', 'sum'), 'Reduction', 'Average the errors or add them up.'),
      'mean',
    ),
    targetClass: optional(
      describe(
        int(0, MAX_CHANNELS - 1),
        'Target class',
        'Cross-entropy only: the right class at every position.',
      ),
    ),
  },
  output: 'loss',
  defaults: { loss: 'mse', reduction: 'mean' },
  validateParams: (params) =>
    params.targetClass !== undefined && params.loss === 'mse'
      ? [{ path: 'targetClass', message: 'only applies to cross-entropy; mse needs a target map' }]
      : [],
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

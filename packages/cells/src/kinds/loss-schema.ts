import { MAX_CHANNELS } from '../document/limits';
import { describe, int, oneOf, optional, withDefault } from '../document/param-schema';
import { defineKindSchema } from './kind-schema';

/**
 * How far a prediction is from a target: mean squared error against a target map, or softmax
 * cross-entropy with classes on the first axis (a target map of class indices or probabilities, or one
 * `targetClass` for every position). The value keeps the per-element error map and dLoss/dPrediction,
 * which a grad cell carries back through the layers.
 */
export const lossSchema = defineKindSchema({
  kind: 'loss',
  label: 'Loss',
  description: 'Measures how far a prediction is from a target, with the error at every position.',
  inputs: {
    prediction: 'tensor',
    target: { accepts: ['tensor'], optional: true, label: 'Target map' },
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
        'Target class (no target map)',
        'Cross-entropy without a target map: the right class at every position.',
      ),
    ),
  },
  output: 'loss',
  defaults: { loss: 'mse', reduction: 'mean' },
  validateParams: (params) =>
    params.targetClass !== undefined && params.loss === 'mse'
      ? [{ path: 'targetClass', message: 'only applies to cross-entropy; mse needs a target map' }]
      : [],
});

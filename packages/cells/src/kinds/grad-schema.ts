import { MAX_ID_LENGTH, MAX_KERNELS } from '../document/limits';
import {
  describe,
  int,
  num,
  numberArray,
  object,
  oneOf,
  optional,
  str,
  withDefault,
} from '../document/param-schema';
import { MAX_TRAINING_STEPS } from './gradient-descent';
import { defineKindSchema } from './kind-schema';

/**
 * Backpropagation from a loss cell to a kernel (dL/dW, dL/db) or to the image (dL/dX), through every conv
 * and pool cell in between — and, with `train`, gradient descent on that kernel. The cell reads the chain
 * from the notebook graph and re-runs it itself, so the layers it passes through need no special values.
 */
export const gradSchema = defineKindSchema({
  kind: 'grad',
  label: 'Gradient',
  description:
    'Backpropagates a loss to a kernel or the image; can also learn the kernel by gradient descent.',
  inputs: { loss: 'loss' },
  params: {
    target: withDefault(
      describe(
        oneOf('kernel', 'image'),
        'With respect to',
        'Differentiate by the kernel weights or the image pixels.',
      ),
      'kernel',
    ),
    kernelCell: optional(
      describe(
        str(MAX_ID_LENGTH),
        'Cell',
        'The kernel (or image) cell; default: the kernel nearest the loss.',
      ),
    ),
    selectedWeight: optional(
      describe(
        numberArray(int(0, MAX_KERNELS), 4, 4),
        'Selected weight',
        '[o, c, i, j]: show this weight’s contribution at every output position.',
      ),
    ),
    train: optional(
      describe(
        object({
          steps: int(1, MAX_TRAINING_STEPS),
          learningRate: num(0, 1000),
          optimizer: optional(oneOf('sgd')),
        }),
        'Train',
        'Run gradient descent on the kernel: steps and learning rate.',
      ),
    ),
  },
  output: 'grad',
  defaults: { target: 'kernel' },
  slow: true,
  cellParams: { kernelCell: 'kernel' },
});

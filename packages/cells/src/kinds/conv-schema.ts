import { type ActivationName, activationNames } from '@convbook/core';
import { bool, describe, num, oneOf, optional, withDefault } from '../document/param-schema';
import { defineKindSchema } from './kind-schema';
import { defaultPadding, optionalStride, pairSchema } from './window-params';

/**
 * A convolutional layer: slide the kernel bank over the input, add each kernel's bias, then apply the
 * activation. Output [O, H', W'], one feature map per kernel.
 */
export const convSchema = defineKindSchema({
  kind: 'conv',
  label: 'Convolution',
  description:
    'Slides a kernel over the input, adds the bias and applies an activation: one feature map per kernel.',
  inputs: { input: 'tensor', kernel: 'kernel' },
  params: {
    stride: optionalStride(),
    padding: defaultPadding('valid'),
    dilation: optional(pairSchema('Dilation', 'Gap between kernel taps; 2 spreads a 3×3 kernel over 5×5.')),
    paddingMode: withDefault(
      describe(
        oneOf('zeros', 'reflect', 'replicate', 'circular'),
        'Padding mode',
        'What the padded border holds: zeros, a mirror image, the edge value repeated, or the opposite edge.',
      ),
      'zeros',
    ),
    flip: withDefault(
      describe(
        bool(),
        'Flip kernel',
        'True: true convolution (kernel turned 180°). False: cross-correlation.',
      ),
      false,
    ),
    activation: withDefault(
      describe(oneOf<ActivationName>(...activationNames), 'Activation', 'Applied to every output value.'),
      'identity',
    ),
    alpha: optional(describe(num(0, 1), 'Leak', 'Slope of leaky-relu for negative inputs.')),
  },
  output: 'tensor',
  defaults: { padding: 'same' },
});

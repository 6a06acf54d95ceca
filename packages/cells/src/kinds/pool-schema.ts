import { describe, oneOf, withDefault } from '../document/param-schema';
import { defineKindSchema } from './kind-schema';
import { defaultPadding, optionalStride, pairSchema } from './window-params';

/** Max or average pooling per channel; the stride defaults to the window size (non-overlapping windows). */
export const poolSchema = defineKindSchema({
  kind: 'pool',
  label: 'Pool',
  description: 'Shrinks each feature map by keeping the largest (or the mean) value of every window.',
  inputs: { input: 'tensor' },
  params: {
    kind: withDefault(describe(oneOf('max', 'avg'), 'Pooling', 'Keep the maximum or the average.'), 'max'),
    size: pairSchema('Window', 'Height and width of the pooling window.'),
    stride: optionalStride(),
    padding: defaultPadding('valid'),
  },
  output: 'tensor',
  defaults: { kind: 'max', size: 2 },
});

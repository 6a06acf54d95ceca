import { type Pool2dOptions, pool2d } from '@convbook/core';
import { describe, oneOf, withDefault } from '../document/param-schema';
import { defineCellKind } from './define-cell-kind';
import { defaultPadding, optionalStride, pairSchema } from './window-params';

/** Max or average pooling per channel; the stride defaults to the window size (non-overlapping windows). */
export const poolCell = defineCellKind({
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
  compute: ({ input }, params) => {
    const options: Pool2dOptions = {
      kind: params.kind,
      size: params.size as Pool2dOptions['size'],
      stride: params.stride as Pool2dOptions['stride'],
      padding: params.padding as Pool2dOptions['padding'],
    };
    return { type: 'tensor', tensor: pool2d(input.tensor, options) };
  },
});

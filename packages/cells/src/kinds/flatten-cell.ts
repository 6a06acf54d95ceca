import { defineCellKind } from './define-cell-kind';

/** [C, H, W] feature maps → one vector [C·H·W], channel by channel, row by row: what a dense layer reads. */
export const flattenCell = defineCellKind({
  kind: 'flatten',
  label: 'Flatten',
  description: 'Lays feature maps out as one long vector (channel, then row, then column) for a dense layer.',
  inputs: { input: 'tensor' },
  params: {},
  output: 'tensor',
  compute: ({ input }) => ({ type: 'tensor', tensor: input.tensor.reshape([input.tensor.size]) }),
});

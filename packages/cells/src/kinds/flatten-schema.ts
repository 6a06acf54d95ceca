import { defineKindSchema } from './kind-schema';

/** [C, H, W] feature maps → one vector [C·H·W], channel by channel, row by row: what a dense layer reads. */
export const flattenSchema = defineKindSchema({
  kind: 'flatten',
  label: 'Flatten',
  description: 'Lays feature maps out as one long vector (channel, then row, then column) for a dense layer.',
  inputs: { input: 'tensor' },
  params: {},
  output: 'tensor',
});

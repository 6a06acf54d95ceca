import { tensor } from '@convbook/core';
import { describe } from '../document/param-schema';
import { MAX_CHANNELS, MAX_IMAGE_SIDE } from '../document/limits';
import { tensorLiteral } from '../document/tensor-literal';
import { defineCellKind } from './define-cell-kind';

/** An input picture written out as numbers: [H][W] (one channel) or [C][H][W]. The value is always [C, H, W]. */
export const imageCell = defineCellKind({
  kind: 'image',
  label: 'Image',
  description: 'An input image or feature map typed in as numbers.',
  inputs: {},
  params: {
    values: describe(
      tensorLiteral([MAX_IMAGE_SIDE, MAX_IMAGE_SIDE], [MAX_CHANNELS, MAX_IMAGE_SIDE, MAX_IMAGE_SIDE]),
      'Values',
      'Pixel values as [rows][columns], or [channels][rows][columns].',
    ),
  },
  output: 'tensor',
  compute: (_inputs, { values }) => {
    const image = tensor(values);
    return { type: 'tensor', tensor: image.rank === 2 ? image.reshape([1, ...image.shape]) : image };
  },
});

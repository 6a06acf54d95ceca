import { MAX_IMAGE_SIDE, MAX_TENSOR_VALUES } from '../document/limits';
import { describe, int, oneOf, withDefault } from '../document/param-schema';
import { defineCellKind } from './define-cell-kind';
import { SHIFT_MODES, shiftTensor } from './image/shift-tensor';

const MAX_SHIFT = MAX_IMAGE_SIDE;

/**
 * Moves any map — an image, a feature map, a pooled map — right by dx and down by dy. With it a notebook can
 * put shift(conv(x)) beside conv(shift(x)) and measure equivariance instead of asserting it. 'grow' keeps
 * everything: the canvas widens towards the move, so no content is cropped.
 */
export const shiftCell = defineCellKind({
  kind: 'shift',
  label: 'Shift',
  description: 'Moves a map by whole pixels; the edges fill with zeros, wrap round, or the canvas grows.',
  inputs: { input: 'tensor' },
  params: {
    dx: withDefault(
      describe(int(-MAX_SHIFT, MAX_SHIFT), 'Right by', 'Pixels to the right (negative: left).'),
      0,
    ),
    dy: withDefault(describe(int(-MAX_SHIFT, MAX_SHIFT), 'Down by', 'Pixels down (negative: up).'), 0),
    mode: withDefault(
      describe(
        oneOf(...SHIFT_MODES),
        'Edges',
        'zeros: what leaves is lost; circular: it wraps round; grow: the canvas grows so nothing is lost.',
      ),
      'zeros',
    ),
  },
  output: 'tensor',
  validateInputs: ({ input }, params) => {
    if (params.mode !== 'grow') return undefined;
    const height = (input.tensor.shape.at(-2) ?? 1) + Math.abs(params.dy);
    const width = (input.tensor.shape.at(-1) ?? 1) + Math.abs(params.dx);
    const values =
      (input.tensor.size / ((input.tensor.shape.at(-2) ?? 1) * (input.tensor.shape.at(-1) ?? 1))) *
      height *
      width;
    return values > MAX_TENSOR_VALUES
      ? `growing the canvas to ${height}×${width} would make ${values} values, the limit is ${MAX_TENSOR_VALUES}`
      : undefined;
  },
  compute: ({ input }, params) => ({
    type: 'tensor',
    tensor: shiftTensor(input.tensor, params.dx, params.dy, params.mode),
  }),
});

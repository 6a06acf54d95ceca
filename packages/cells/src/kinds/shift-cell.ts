import { MAX_TENSOR_VALUES } from '../document/limits';
import { describe, int, oneOf, withDefault } from '../document/param-schema';
import { defineCellKind } from './define-cell-kind';
import { SHIFT_MODES, shiftTensor } from './image/shift-tensor';

/** A quarter of the largest image side: far enough to move anything off a picture, small enough to stay cheap. */
const MAX_SHIFT = 1024;

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
  validateInputs: ({ input }, params) =>
    params.mode === 'grow' ? grownSizeProblem(input.tensor.shape, params.dx, params.dy) : undefined,
  compute: ({ input }, params) => ({
    type: 'tensor',
    tensor: shiftTensor(input.tensor, params.dx, params.dy, params.mode),
  }),
});

/** Why a 'grow' shift of a map of `shape` would be too big, or nothing: checked before anything is allocated. */
export function grownSizeProblem(shape: readonly number[], dx: number, dy: number): string | undefined {
  const planes = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const height = (shape.at(-2) ?? 1) + Math.abs(dy);
  const width = (shape.at(-1) ?? 1) + Math.abs(dx);
  const values = planes * height * width;
  return values > MAX_TENSOR_VALUES
    ? `growing the canvas to ${height}×${width} would make ${values} values, the limit is ${MAX_TENSOR_VALUES}`
    : undefined;
}

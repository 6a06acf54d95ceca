import { describe, int, oneOf, withDefault } from '../document/param-schema';
import { SHIFT_MODES } from './image/shift-tensor';
import { defineKindSchema } from './kind-schema';

/** A quarter of the largest image side: far enough to move anything off a picture, small enough to stay cheap. */
const MAX_SHIFT = 1024;

/**
 * Moves any map — an image, a feature map, a pooled map — right by dx and down by dy. With it a notebook can
 * put shift(conv(x)) beside conv(shift(x)) and measure equivariance instead of asserting it. 'grow' keeps
 * everything: the canvas widens towards the move, so no content is cropped.
 */
export const shiftSchema = defineKindSchema({
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
});

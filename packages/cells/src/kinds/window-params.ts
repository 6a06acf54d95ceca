import type { AxisPair, Padding } from '@convbook/core';
import {
  describe,
  int,
  numberArray,
  oneOf,
  optional,
  type Schema,
  union,
  withDefault,
} from '../document/param-schema';

/**
 * Parameter schemas shared by conv and pool: strides, dilations and padding as core takes them. A number
 * means the same along both axes; a pair is [vertical, horizontal].
 */

const MAX_STEP = 64;
/** The largest explicit padding a field takes (window-fit.ts suggests no more). */
export const MAX_PAD = 64;

export function pairSchema(label: string, description: string, min = 1, max = MAX_STEP): Schema<AxisPair> {
  const asPair = numberArray(int(min, max), 2, 2) as Schema<unknown> as Schema<AxisPair>;
  return describe(union<AxisPair>(int(min, max), asPair), label, description);
}

const paddingSchema: Schema<Padding> = describe(
  union<Padding>(
    oneOf('valid', 'same', 'full'),
    int(0, MAX_PAD),
    numberArray(int(0, MAX_PAD), 2, 2) as Schema<unknown> as Schema<Padding>,
    numberArray(int(0, MAX_PAD), 4, 4) as Schema<unknown> as Schema<Padding>,
  ),
  'Padding',
  "'valid' adds none, 'same' keeps ceil(size / stride), 'full' lets every partial overlap count; or explicit amounts.",
);

export const optionalStride = (label = 'Stride'): Schema<AxisPair | undefined> =>
  optional(pairSchema(label, 'How far the window jumps between applications.'));

export const defaultPadding = (fallback: Padding): Schema<Padding> => withDefault(paddingSchema, fallback);

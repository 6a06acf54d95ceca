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
const MAX_PAD = 64;

export type PairValue = number | readonly [number, number];
export type PaddingValue =
  | 'valid'
  | 'same'
  | 'full'
  | number
  | readonly [number, number]
  | readonly [number, number, number, number];

export function pairSchema(label: string, description: string, min = 1, max = MAX_STEP): Schema<PairValue> {
  const asPair = numberArray(int(min, max), 2, 2) as Schema<unknown> as Schema<PairValue>;
  return describe(union<PairValue>(int(min, max), asPair), label, description);
}

export const paddingSchema: Schema<PaddingValue> = describe(
  union<PaddingValue>(
    oneOf('valid', 'same', 'full'),
    int(0, MAX_PAD),
    numberArray(int(0, MAX_PAD), 2, 2) as Schema<unknown> as Schema<PaddingValue>,
    numberArray(int(0, MAX_PAD), 4, 4) as Schema<unknown> as Schema<PaddingValue>,
  ),
  'Padding',
  "'valid' adds none, 'same' keeps ceil(size / stride), 'full' lets every partial overlap count; or explicit amounts.",
);

export const optionalStride = (label = 'Stride'): Schema<PairValue | undefined> =>
  optional(pairSchema(label, 'How far the window jumps between applications.'));

export const defaultPadding = (fallback: PaddingValue): Schema<PaddingValue> =>
  withDefault(paddingSchema, fallback);

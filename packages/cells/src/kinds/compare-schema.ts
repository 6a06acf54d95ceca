import { describe, int, num, withDefault } from '../document/param-schema';
import { defineKindSchema } from './kind-schema';

/**
 * Sets two maps of the same shape against each other and says how far apart they are in words a student
 * can check: how many units changed, as a fraction of the units active (non-zero) in either map — so a
 * sparse feature map and its dense pooled map compare fairly — and the largest difference away from a
 * border of `border` pixels and on it. The value is the difference map a − b.
 */
export const compareSchema = defineKindSchema({
  kind: 'compare',
  label: 'Compare',
  description:
    'The difference of two maps: how many units changed, and the largest change inside and at the border.',
  inputs: {
    a: { accepts: ['tensor'], label: 'Map' },
    b: { accepts: ['tensor'], label: 'Compared with' },
  },
  params: {
    border: withDefault(
      describe(
        int(0, 64),
        'Border',
        'Report the largest difference inside this many pixels from each edge apart.',
      ),
      0,
    ),
    tolerance: withDefault(
      describe(num(0), 'Tolerance', 'A unit counts as changed when the two maps differ by more than this.'),
      1e-5,
    ),
  },
  output: 'tensor',
});

import { bool, describe, withDefault } from '../document/param-schema';
import { defineKindSchema } from './kind-schema';

/**
 * Layer arithmetic for the chain of conv, pool, flatten and dense cells ending at the wired cell: units,
 * weights, connections, multiply-adds, memory and receptive field per layer and in total, with a fully
 * connected layer of the same size for comparison. Pure counting — nothing is convolved. Flatten only
 * reshapes (no row of its own: it adds no units, weights or work); a dense row has one weight per
 * connection, plus one bias per unit when biases are counted.
 */
export const statsSchema = defineKindSchema({
  kind: 'stats',
  label: 'Layer stats',
  description:
    'Counts units, weights, connections, the operations of each pass, memory and receptive fields of a chain.',
  inputs: { of: 'tensor' },
  params: {
    countBias: withDefault(
      describe(bool(), 'Count biases', 'Include one bias per kernel in the weight counts.'),
      true,
    ),
  },
  output: 'stats',
});

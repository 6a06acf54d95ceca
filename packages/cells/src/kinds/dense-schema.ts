import { MAX_DENSE_UNITS } from '../document/limits';
import { describe, int, oneOf, withDefault } from '../document/param-schema';
import { defineKindSchema } from './kind-schema';

/**
 * A fully connected layer: every output unit has its own weight for every input value (so weights and
 * connections are the same number, units × inputs). Reads any tensor as a flat vector; weights come from
 * a weights cell shaped [units, inputs].
 */
export const denseSchema = defineKindSchema({
  kind: 'dense',
  label: 'Dense',
  description:
    'Fully connected: each unit weighs every input. Weights [units, inputs] and one bias per unit.',
  inputs: { input: 'tensor', weights: 'kernel' },
  defaults: { units: 10 },
  params: {
    units: describe(int(1, MAX_DENSE_UNITS), 'Units', 'Outputs of the layer; 10 for ten classes.'),
    activation: withDefault(describe(oneOf('none', 'relu'), 'Activation', 'none for class scores.'), 'none'),
  },
  output: 'tensor',
});

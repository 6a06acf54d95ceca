import { denseForward, Tensor } from '@convbook/core';
import { MAX_DENSE_UNITS, MAX_KERNEL_WEIGHTS } from '../document/limits';
import { describe, int, oneOf, withDefault } from '../document/param-schema';
import { defineCellKind } from './define-cell-kind';

/**
 * A fully connected layer: every output unit has its own weight for every input value (so weights and
 * connections are the same number, units × inputs). Reads any tensor as a flat vector; weights come from
 * a weights cell shaped [units, inputs].
 */
export const denseCell = defineCellKind({
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
  validateInputs: ({ input, weights }, params) => {
    const inputs = input.tensor.size;
    if (inputs * params.units > MAX_KERNEL_WEIGHTS) {
      return `units: ${params.units} units × ${inputs} inputs is ${inputs * params.units} weights, over the limit of ${MAX_KERNEL_WEIGHTS}`;
    }
    const shape = weights.weights.shape;
    if (shape.length !== 2 || shape[0] !== params.units || shape[1] !== inputs) {
      return `weights: the weights cell is [${shape.join(', ')}] but this layer needs [${params.units}, ${inputs}] (units, inputs)`;
    }
    return undefined;
  },
  compute: ({ input, weights }, params) => {
    const out = new Float32Array(params.units);
    denseForward(
      input.tensor.data,
      weights.weights.data,
      weights.bias,
      1,
      input.tensor.size,
      params.units,
      out,
    );
    if (params.activation === 'relu') for (let i = 0; i < out.length; i++) out[i] = Math.max(0, out[i] ?? 0);
    return { type: 'tensor', tensor: new Tensor([params.units], out) };
  },
});

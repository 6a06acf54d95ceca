import { denseForward, Tensor } from '@convbook/core';
import { MAX_KERNEL_WEIGHTS } from '../document/limits';
import { denseSchema } from './dense-schema';
import { withCompute } from './kind-compute';

/** Runs dense cells (the schema, dense-schema.ts, is what the page reads). */
export const denseCell = withCompute(denseSchema, {
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

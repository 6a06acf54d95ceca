import { at, createRandom, initWeights, Tensor } from '@convbook/core';
import { decodeWeights } from '../document/weight-encoding';
import { withCompute } from './kind-compute';
import { weightsSchema } from './weights-schema';

/** Runs weights cells (the schema, weights-schema.ts, is what the page reads). */
export const weightsCell = withCompute(weightsSchema, {
  compute: (_inputs, params) => {
    const shape = params.shape.length === 2 ? params.shape : params.shape;
    const count = shape.reduce((a, b) => a * b, 1);
    const outputs = at(shape, 0);
    const fanIn = count / outputs;
    const fanOut = shape.length === 4 ? outputs * at(shape, 2) * at(shape, 3) : outputs;
    let weights: Float32Array;
    if (params.data !== undefined) {
      weights = decodeWeights(params.data, count);
    } else {
      weights = new Float32Array(count);
      initWeights(weights, params.init, fanIn, fanOut, createRandom(params.seed));
    }
    const bias = params.bias === undefined ? new Float32Array(outputs) : decodeWeights(params.bias, outputs);
    return { type: 'kernel', weights: new Tensor(shape, weights), bias };
  },
});

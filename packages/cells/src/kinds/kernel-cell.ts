import { at, gaussianKernel, presetKernel, randomKernel, type Tensor, tensor } from '@convbook/core';
import { type KernelSources, kernelSchema } from './kernel-schema';
import { withCompute } from './kind-compute';

/** Runs kernel cells (the schema, kernel-schema.ts, is what the page reads). */
export const kernelCell = withCompute(kernelSchema, {
  compute: (_inputs, params) => {
    const weights = buildWeights(params);
    const bias = Float32Array.from(params.bias ?? new Array<number>(at(weights.shape, 0)).fill(0));
    return { type: 'kernel', weights, bias };
  },
});

function buildWeights(params: KernelSources): Tensor {
  if (params.values !== undefined) {
    const weights = tensor(params.values);
    return weights.rank === 2 ? weights.reshape([1, 1, ...weights.shape]) : weights;
  }
  if (params.preset !== undefined) return presetKernel(params.preset);
  if (params.gaussian !== undefined) return gaussianKernel(params.gaussian.size, params.gaussian.sigma);
  if (params.random !== undefined) {
    const [o = 1, c = 1, kh = 1, kw = 1] = params.random.shape;
    return randomKernel([o, c, kh, kw], params.random.seed, params.random.scale);
  }
  throw new Error('kernel: no weight source (validateParams should have caught this)');
}

import { type Pool2dOptions, pool2d } from '@convbook/core';
import { withCompute } from './kind-compute';
import { poolSchema } from './pool-schema';

/** Runs pool cells (the schema, pool-schema.ts, is what the page reads). */
export const poolCell = withCompute(poolSchema, {
  compute: ({ input }, params) => {
    const options: Pool2dOptions = {
      kind: params.kind,
      size: params.size as Pool2dOptions['size'],
      stride: params.stride as Pool2dOptions['stride'],
      padding: params.padding as Pool2dOptions['padding'],
    };
    return { type: 'tensor', tensor: pool2d(input.tensor, options) };
  },
});

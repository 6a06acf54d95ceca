import { flattenSchema } from './flatten-schema';
import { withCompute } from './kind-compute';

/** Runs flatten cells (the schema, flatten-schema.ts, is what the page reads). */
export const flattenCell = withCompute(flattenSchema, {
  compute: ({ input }) => ({ type: 'tensor', tensor: input.tensor.reshape([input.tensor.size]) }),
});

import { Tensor } from '@convbook/core';
import { withCompute } from './kind-compute';
import { softmaxSchema } from './softmax-schema';

/** Runs softmax cells (the schema, softmax-schema.ts, is what the page reads). */
export const softmaxCell = withCompute(softmaxSchema, {
  compute: ({ input }) => {
    const scores = input.tensor;
    const classes = scores.shape[0] ?? 1;
    const positions = scores.size / Math.max(classes, 1);
    const out = new Float32Array(scores.size);
    for (let s = 0; s < positions; s++) {
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < classes; c++) max = Math.max(max, scores.data[c * positions + s] ?? 0);
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += Math.exp((scores.data[c * positions + s] ?? 0) - max);
      for (let c = 0; c < classes; c++) {
        out[c * positions + s] = Math.exp((scores.data[c * positions + s] ?? 0) - max) / sum;
      }
    }
    return { type: 'tensor', tensor: new Tensor(scores.shape, out) };
  },
});

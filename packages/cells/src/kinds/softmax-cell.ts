import { Tensor } from '@convbook/core';
import { defineCellKind } from './define-cell-kind';

/**
 * Class scores → probabilities (softmax over the first axis), for looking at what a classifier thinks of
 * one picture: "87% a 3". Training does not go through this cell; the loss applies its own softmax.
 */
export const softmaxCell = defineCellKind({
  kind: 'softmax',
  label: 'Probabilities',
  description: 'Turns class scores into probabilities that add up to 1 (softmax).',
  inputs: { input: 'tensor' },
  params: {},
  output: 'tensor',
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

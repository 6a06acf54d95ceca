import { defineKindSchema } from './kind-schema';

/**
 * Class scores → probabilities (softmax over the first axis), for looking at what a classifier thinks of
 * one picture: "87% a 3". Training does not go through this cell; the loss applies its own softmax.
 */
export const softmaxSchema = defineKindSchema({
  kind: 'softmax',
  label: 'Probabilities',
  description: 'Turns class scores into probabilities that add up to 1 (softmax).',
  inputs: { input: 'tensor' },
  params: {},
  output: 'tensor',
});

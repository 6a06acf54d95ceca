import { at, createRandom, initWeights, Tensor } from '@convbook/core';
import type { DocumentProblem } from '../document/document-error';
import { MAX_KERNEL_WEIGHTS } from '../document/limits';
import { describe, int, numberArray, oneOf, optional, str, withDefault } from '../document/param-schema';
import { decodeWeights } from '../document/weight-encoding';
import { defineCellKind } from './define-cell-kind';

/**
 * Trainable weights: a conv kernel bank [O, C, kh, kw] or a dense matrix [units, inputs], with one bias per
 * output. They start from a seeded initialisation (He for layers followed by ReLU, Glorot otherwise) until
 * training writes learned values into `data` and `bias` (compact base64, see weight-encoding.ts).
 */
const MAX_DATA_CHARS = Math.ceil((MAX_KERNEL_WEIGHTS * 4) / 3) + 8;

export const weightsCell = defineCellKind({
  kind: 'weights',
  label: 'Weights',
  description:
    'Trainable weights for a conv [kernels, channels, rows, columns] or dense [units, inputs] layer.',
  inputs: {},
  // A new weights cell starts as the first conv layer of the digits network: 8 filters of 5×5 on gray.
  defaults: { shape: [8, 1, 5, 5] },
  params: {
    shape: describe(
      numberArray(int(1, MAX_KERNEL_WEIGHTS), 2, 4),
      'Shape',
      '[O, C, kh, kw] or [units, inputs].',
    ),
    init: withDefault(
      describe(oneOf('he', 'glorot'), 'Initialisation', 'He suits ReLU layers, Glorot the rest.'),
      'he',
    ),
    seed: withDefault(describe(int(0, 2 ** 32 - 1), 'Seed', 'The same seed gives the same start.'), 1),
    data: optional(
      describe(str(MAX_DATA_CHARS), 'Learned weights', 'Written by Apply: base64 float16 or float32.'),
    ),
    bias: optional(
      describe(str(MAX_DATA_CHARS), 'Learned bias', 'Written by Apply: base64 float16 or float32.'),
    ),
  },
  output: 'kernel',
  validateParams: (params) => {
    const problems: DocumentProblem[] = [];
    if (params.shape.length === 3)
      problems.push({ path: 'shape', message: 'must have 2 (dense) or 4 (conv) entries' });
    const count = params.shape.reduce((a, b) => a * b, 1);
    if (count > MAX_KERNEL_WEIGHTS) {
      problems.push({ path: 'shape', message: `holds ${count} weights; the limit is ${MAX_KERNEL_WEIGHTS}` });
      return problems;
    }
    const outputs = at(params.shape, 0);
    for (const [field, expected] of [
      ['data', count],
      ['bias', outputs],
    ] as const) {
      const text = params[field];
      if (text === undefined) continue;
      try {
        decodeWeights(text, expected);
      } catch (error) {
        problems.push({ path: field, message: (error as Error).message });
      }
    }
    return problems;
  },
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

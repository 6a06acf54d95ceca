import type { DocumentProblem } from '../../document/document-error';
import { describe, int, numberArray, optional, withDefault } from '../../document/param-schema';
import { defineKindSchema } from '../kind-schema';
import { TEST_SPLIT, TRAIN_SPLIT } from './digits-data';

/**
 * Real handwritten digits for training: the fixed 8,000 / 2,000 split of digits-data.ts, optionally fewer
 * examples (a seeded choice) and a subset of the classes. Class indices are renumbered 0 … k − 1 in the
 * order the classes are listed, so a network for [3, 8] has two outputs.
 */
export const digitsSchema = defineKindSchema({
  kind: 'digits',
  label: 'Digits',
  description: 'Handwritten MNIST digits (LeCun, Cortes and Burges): 8,000 to train on, 2,000 held out.',
  inputs: {},
  params: {
    classes: optional(
      describe(
        numberArray(int(0, 9), 2, 10),
        'Classes',
        'Which digits to keep, e.g. [3, 8]; all ten by default.',
      ),
    ),
    trainSize: withDefault(
      describe(int(10, TRAIN_SPLIT), 'Training examples', 'At most 8,000.'),
      TRAIN_SPLIT,
    ),
    testSize: withDefault(
      describe(int(10, TEST_SPLIT), 'Test examples', 'At most 2,000, never trained on.'),
      TEST_SPLIT,
    ),
    seed: withDefault(describe(int(0, 2 ** 32 - 1), 'Seed', 'Picks the examples when not all are used.'), 1),
  },
  output: 'dataset',
  validateParams: (params) => {
    const problems: DocumentProblem[] = [];
    if (params.classes !== undefined && new Set(params.classes).size !== params.classes.length) {
      problems.push({ path: 'classes', message: 'lists a digit twice' });
    }
    return problems;
  },
});

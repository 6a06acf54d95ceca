import { createRandom, Tensor } from '@convbook/core';
import type { DocumentProblem } from '../../document/document-error';
import { describe, int, numberArray, optional, withDefault } from '../../document/param-schema';
import { defineCellKind } from '../define-cell-kind';
import type { DatasetSplit, DatasetValue } from '../train/train-value';
import {
  DIGIT_PIXELS,
  DIGIT_SIDE,
  DIGITS_CREDIT,
  type DigitsData,
  loadDigits,
  TEST_SPLIT,
  TRAIN_SPLIT,
} from './digits-data';

/**
 * Real handwritten digits for training: the fixed 8,000 / 2,000 split of digits-data.ts, optionally fewer
 * examples (a seeded choice) and a subset of the classes. Class indices are renumbered 0 … k − 1 in the
 * order the classes are listed, so a network for [3, 8] has two outputs.
 */
const SAMPLE_COUNT = 40;

export const digitsCell = defineCellKind({
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
  compute: async (_inputs, params) => {
    const data = await loadDigits();
    const classes = params.classes ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const random = createRandom(params.seed);
    const train = pickSplit(data, 0, TRAIN_SPLIT, classes, params.trainSize, random);
    const test = pickSplit(data, TRAIN_SPLIT, TRAIN_SPLIT + TEST_SPLIT, classes, params.testSize, random);
    const value: DatasetValue = {
      type: 'dataset',
      name: 'MNIST digits',
      imageShape: [1, DIGIT_SIDE, DIGIT_SIDE],
      classNames: classes.map(String),
      train,
      test,
      samples: samplesOf(test),
      credit: DIGITS_CREDIT,
    };
    return value;
  },
});

/** The examples of [from, to) whose digit is in `classes`, relabelled; a seeded subset when `limit` is smaller. */
function pickSplit(
  data: DigitsData,
  from: number,
  to: number,
  classes: readonly number[],
  limit: number,
  random: () => number,
): DatasetSplit {
  const indexOf = new Map(classes.map((digit, i) => [digit, i]));
  const chosen: number[] = [];
  for (let i = from; i < to; i++) if (indexOf.has(data.labels[i] ?? 0)) chosen.push(i);
  if (chosen.length > limit) {
    for (let i = chosen.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [chosen[i], chosen[j]] = [chosen[j] ?? 0, chosen[i] ?? 0];
    }
    chosen.length = limit;
    chosen.sort((a, b) => a - b);
  }
  const pixels = new Uint8Array(chosen.length * DIGIT_PIXELS);
  const labels = new Uint8Array(chosen.length);
  chosen.forEach((index, k) => {
    labels[k] = indexOf.get(data.labels[index] ?? 0) as number;
    pixels.set(data.pixels.subarray(index * DIGIT_PIXELS, (index + 1) * DIGIT_PIXELS), k * DIGIT_PIXELS);
  });
  return { pixels, labels, count: chosen.length };
}

function samplesOf(split: DatasetSplit): DatasetValue['samples'] {
  const n = Math.min(SAMPLE_COUNT, split.count);
  const images = new Float32Array(n * DIGIT_PIXELS);
  for (let i = 0; i < images.length; i++) images[i] = (split.pixels[i] ?? 0) / 255;
  return {
    images: new Tensor([n, DIGIT_SIDE, DIGIT_SIDE], images),
    labels: Array.from(split.labels.subarray(0, n)),
  };
}

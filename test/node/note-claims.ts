import type { ExampleValues } from './example-values';

/**
 * A claim about a note: an exact phrase of its Markdown and a check of that phrase against the cells'
 * values (from `convbook run --values`) or a formula. note-numbers.test.ts runs them and makes sure no
 * number in a note is left without one.
 */
export interface Claim {
  readonly note: string;
  readonly text: string;
  /**
   * A name with digits in it (LeNet-5, layer C3) is checked once and stripped wherever it occurs; other
   * phrases only once, after all full phrases, so a name never breaks up a longer phrase before it is matched.
   */
  readonly everywhere?: boolean;
  /** Checks the phrase; a string names the test file that checks it in depth instead. */
  readonly check: ((v: ExampleValues) => Promise<void>) | string;
}

export const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
export const shapeOf = async (v: ExampleValues, id: string) => (await v.tensor(id)).shape;
export const kernelShape = async (v: ExampleValues, id: string) =>
  ((await v.json(id)) as { weights: { shape: number[] } }).weights.shape;
export const training = async (v: ExampleValues, id: string) =>
  (
    (await v.json(id)) as {
      training: { lossCurve: number[]; learnedWeights: { data: number[] }; steps: number };
    }
  ).training;
export const peakCount = async (v: ExampleValues, id: string) =>
  Number(/\*\*(\d+) peaks?\*\*/.exec(await v.note(id))?.[1]);
export const percent = (part: number, whole: number) => Math.round((100 * part) / whole);

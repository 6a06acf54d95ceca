import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { at } from './at';
import { meanSquaredError, softmaxCrossEntropy } from './losses';
import { ShapeError } from './shape-errors';
import { Tensor } from './tensor';
import { breakingNumber } from './testing/breaking-number';
import { fuzzRuns, fuzzTimeout } from './testing/fuzz-budget';

/**
 * Losses with numbers that break math. Each call is a ShapeError, or a result whose shapes match the
 * input's and whose NaNs sit exactly where the math puts them: a NaN in a sample makes that sample's error
 * NaN and nothing else. Finite logits as large as 1e38 still give a finite cross-entropy (log-sum-exp).
 */

vi.setConfig({ testTimeout: fuzzTimeout() });

const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 1, arbitrary: breakingNumber },
);
const shape = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 3 });
const tensorOf = (dims: readonly number[]): fc.Arbitrary<Tensor> => {
  const size = dims.reduce((a, b) => a * b, 1);
  return fc
    .array(value, { minLength: size, maxLength: size })
    .map((v) => new Tensor(dims, Float32Array.from(v)));
};

function refusedOr<T>(attempt: () => T): T | undefined {
  try {
    return attempt();
  } catch (error) {
    if (error instanceof ShapeError) return undefined;
    throw error;
  }
}

describe('losses under fuzzing', () => {
  it('meanSquaredError: NaN exactly where a difference is NaN, shapes kept', () => {
    const pair = fc.oneof(
      shape.chain((dims) => fc.tuple(tensorOf(dims), tensorOf(dims))),
      fc.tuple(shape.chain(tensorOf), shape.chain(tensorOf)),
    );
    fc.assert(
      fc.property(pair, fc.constantFrom<'mean' | 'sum'>('mean', 'sum'), ([prediction, target], reduction) => {
        const result = refusedOr(() => meanSquaredError(prediction, target, { reduction }));
        if (result === undefined) return;
        expect(result.errorMap.shape).toEqual(prediction.shape);
        expect(result.gradient.shape).toEqual(prediction.shape);
        let anyNaN = false;
        for (let i = 0; i < prediction.size; i++) {
          const diff = at(prediction.data, i) - at(target.data, i);
          anyNaN ||= Number.isNaN(diff);
          if (Number.isNaN(diff)) expect(result.errorMap.data[i], `errorMap[${i}]`).toBeNaN();
          else expect(result.errorMap.data[i], `errorMap[${i}]`).not.toBeNaN();
        }
        if (anyNaN) expect(result.loss).toBeNaN();
      }),
      { numRuns: fuzzRuns(1500, 0.05) },
    );
  });

  it('softmaxCrossEntropy: a NaN logit makes only its own sample NaN; huge finite logits stay finite', () => {
    const call = fc
      .tuple(fc.integer({ min: 0, max: 4 }), fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }))
      .chain(([classes, rest]) =>
        fc.tuple(
          tensorOf([classes, ...rest]),
          fc.oneof(
            fc.integer({ min: -1, max: 5 }),
            fc.constantFrom(Number.NaN, 1.5),
            tensorOf(rest),
            fc
              .array(fc.integer({ min: -1, max: 4 }), {
                minLength: rest.reduce((a, b) => a * b, 1),
                maxLength: rest.reduce((a, b) => a * b, 1),
              })
              .map((indices) => new Tensor(rest, Float32Array.from(indices))),
          ),
        ),
      );
    fc.assert(
      fc.property(call, ([logits, target]) => {
        const result = refusedOr(() => softmaxCrossEntropy(logits, target));
        if (result === undefined) return;
        const [classes = 0, ...rest] = logits.shape;
        const samples = rest.reduce((a, b) => a * b, 1);
        expect(result.errorMap.shape).toEqual(rest);
        expect(result.gradient.shape).toEqual(logits.shape);
        const probabilities = target instanceof Tensor && target.shape.length === logits.shape.length;
        for (let s = 0; s < samples; s++) {
          const sample = Array.from({ length: classes }, (_, c) => at(logits.data, c * samples + s));
          const error = at(result.errorMap.data, s);
          if (sample.some(Number.isNaN)) expect(error, `sample ${s} of ${JSON.stringify(sample)}`).toBeNaN();
          else if (!probabilities && sample.every(Number.isFinite)) {
            expect(Number.isFinite(error), `sample ${s} of ${JSON.stringify(sample)} gave ${error}`).toBe(
              true,
            );
          }
        }
      }),
      { numRuns: fuzzRuns(1500, 0.05) },
    );
  });
});

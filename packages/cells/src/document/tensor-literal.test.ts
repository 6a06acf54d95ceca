import { describe, expect, it } from 'vitest';
import { validate } from './param-schema';
import { tensorLiteral } from './tensor-literal';

const image = tensorLiteral([8, 8], [3, 8, 8]);
const problemsOf = (value: unknown): string[] => {
  const result = validate(image, value, 'values');
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('tensor literals', () => {
  it('accepts each allowed rank', () => {
    expect(
      problemsOf([
        [1, 2],
        [3, 4],
      ]),
    ).toEqual([]);
    expect(problemsOf([[[1]], [[2]]])).toEqual([]);
  });

  it('rejects other ranks, empty dimensions and sizes beyond the limits', () => {
    expect(problemsOf([1, 2])).toEqual(['values: must have 2 or 3 levels of nesting, got 1']);
    expect(problemsOf([[]])).toEqual(['values: must not be empty (dimension 1 has 0 entries)']);
    expect(problemsOf([[1, 2, 3, 4, 5, 6, 7, 8, 9]])).toEqual([
      'values: dimension 1 has 9 entries, the limit is 8',
    ]);
  });

  it('checks the size before walking the entries', () => {
    // A sparse array: walking it would report thousands of holes; the size check stops first.
    const rows = new Array(100_000);
    rows[0] = [1];
    expect(problemsOf(rows)).toEqual(['values: dimension 0 has 100000 entries, the limit is 8']);
  });

  it('reports ragged rows and entries that are not finite float32 numbers, with their paths', () => {
    expect(problemsOf([[1, 2], [3]])).toEqual([
      'values[1]: ragged: expected 2 entries like the first row, got 1 entries',
    ]);
    expect(
      problemsOf([
        [1, Number.NaN],
        [1e39, 'x'],
      ]),
    ).toEqual([
      'values[0][1]: must be a finite number, got NaN',
      'values[1][0]: must be within ±3.4e38 (float32), got 1e+39',
      'values[1][1]: must be a number, got "x"',
    ]);
  });

  it('lists at most five bad entries and counts the rest', () => {
    const row = Array.from({ length: 8 }, () => Number.POSITIVE_INFINITY);
    const problems = problemsOf([row]);
    expect(problems).toHaveLength(6);
    expect(problems[5]).toBe('values: 3 more bad entries not listed');
  });
});

import { describe, expect, it } from 'vitest';
import type { DocumentProblem } from '../document/document-error';
import {
  bool,
  int,
  num,
  numberArray,
  object,
  oneOf,
  optional,
  type Schema,
  str,
  union,
} from '../document/param-schema';
import { tensorLiteral } from '../document/tensor-literal';
import { validateNotebook } from '../document/validate-notebook';
import { plainMessage } from './plain-wording';

/** The DSL's own message for `value`, so these tests follow the DSL if its wording ever changes. */
function messageOf(schema: Schema<unknown>, value: unknown): string {
  const problems: DocumentProblem[] = [];
  schema.check(value, 'x', problems);
  const [first] = problems;
  if (first === undefined) throw new Error('expected a problem');
  return first.message;
}

const cases: readonly [string, Schema<unknown>, unknown, string][] = [
  ['int below', int(1, 64), 0, 'must be a whole number ≥ 1 — got 0'],
  ['int above', int(1, 64), 100, 'must be a whole number ≤ 64 — got 100'],
  ['int fraction', int(1, 64), 1.5, 'must be a whole number — got 1.5'],
  ['int text', int(1, 64), 'two', 'must be a whole number — got "two"'],
  ['num below', num(0, 1), -0.5, 'must be at least 0 — got -0.5'],
  ['num above', num(0, 1), 2, 'must be at most 1 — got 2'],
  ['num not a number', num(), null, 'must be a number — got null'],
  [
    'num infinite',
    num(),
    Number.POSITIVE_INFINITY,
    'must be an ordinary number, not infinite or NaN — got Infinity',
  ],
  [
    'num beyond float32',
    num(),
    1e39,
    'is too large to store: numbers must stay within ±3.4 × 10³⁸ — got 1e+39',
  ],
  ['bool', bool(), 'yes', 'must be on or off (true or false) — got "yes"'],
  ['str type', str(10), 3, 'must be text — got 3'],
  ['str length', str(3), 'abcdef', 'must be at most 3 characters long — got 6'],
  ['oneOf', oneOf('max', 'avg'), 'mean', 'must be one of max, avg — got "mean"'],
  ['list type', numberArray(num(), 2, 2), 4, 'must be a list of numbers — got 4'],
  ['list fixed length', numberArray(num(), 2, 2), [1, 2, 3], 'must have exactly 2 entries — got 3'],
  ['list range', numberArray(num(), 1, 4), [], 'must have 1 to 4 entries — got 0'],
  [
    'union',
    union<unknown>(int(1, 64), numberArray(int(1, 64), 2, 2)),
    'wide',
    'must be a whole number from 1 to 64, or a list of 2 numbers — got "wide"',
  ],
  ['object type', object({ size: int(1, 9) }), 5, 'must be a group of named settings — got 5'],
  [
    'object unknown key',
    object({ size: int(1, 9) }),
    { size: 3, sise: 3 },
    'is not a field this cell has (it has: size)',
  ],
  ['object no keys', object({}, 'parameter'), { a: 1 }, 'is not a parameter this cell has (it has none)'],
  ['object required', object({ size: int(1, 9) }), {}, 'is missing: it needs a whole number from 1 to 9'],
  ['optional passes the inner message', optional(int(0, 3)), 7, 'must be a whole number ≤ 3 — got 7'],
  [
    'tensor not a list',
    tensorLiteral([4, 4]),
    7,
    'must be a nested list of numbers shaped up to 4×4 — got 7',
  ],
  [
    'tensor nesting',
    tensorLiteral([4, 4], [2, 2, 4, 4]),
    [1, 2],
    'must be a list nested 2 or 4 levels deep — got 1',
  ],
  ['tensor empty', tensorLiteral([4, 4]), [[]], 'must not be empty — its level 2 list has no entries'],
  [
    'tensor too big',
    tensorLiteral([2, 2]),
    [[1], [2], [3]],
    'is too big: its level 1 list has 3 entries, at most 2 are allowed',
  ],
];

describe('plainMessage, for every message the schema DSL makes', () => {
  for (const [name, schema, value, plain] of cases) {
    it(name, () => {
      expect(plainMessage(messageOf(schema, value))).toBe(plain);
    });
  }

  it('a bad entry inside a tensor literal, and the count past the fifth', () => {
    const problems: DocumentProblem[] = [];
    tensorLiteral([2, 9]).check([[1, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']], 'v', problems);
    expect(problems.map((p) => plainMessage(p.message))).toEqual([
      ...Array.from({ length: 5 }, (_, i) => `must be a number — got "${'abcde'[i]}"`),
      'has 3 more bad entries (not listed)',
    ]);
  });

  it('the notebook checks: wiring, ids, unknown fields', () => {
    const result = validateNotebook(
      {
        format: 'convbook',
        version: 1,
        extra: 1,
        cells: [
          { id: 'a', kind: 'image', params: { values: [[1]] } },
          { id: 'a', kind: 'conv', inputs: { input: 'ghost', kernel: 3 } },
          { id: 'p', kind: 'pool', params: { size: 2 } },
        ],
      },
      { strictWiring: true },
    );
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.map((p) => plainMessage(p.message))).toEqual([
      'is not part of the notebook format',
      '"a" is already the id of another cell',
      'is wired to cell "ghost", which does not exist',
      'must name a cell — got 3',
      'is not connected: pick an image or map cell',
    ]);
  });

  it('words the kinds’ own checks the same way', () => {
    expect(plainMessage('needs exactly one of values, preset, gaussian, random; got none')).toBe(
      'needs exactly one source (values, preset, gaussian or random) — got none',
    );
    expect(plainMessage('must have one entry per kernel (2), got 1')).toBe(
      'must have one entry per kernel (2) — got 1',
    );
    expect(plainMessage('must have at most 16 transforms, got 20')).toBe(
      'must have at most 16 transforms — got 20',
    );
  });

  it('passes a kind’s own sentence through, softening only the symbols', () => {
    expect(plainMessage('only applies to cross-entropy; mse needs a target map')).toBe(
      'only applies to cross-entropy; mse needs a target map',
    );
    expect(plainMessage('sigma must be >= 0.001')).toBe('sigma must be ≥ 0.001');
  });
});

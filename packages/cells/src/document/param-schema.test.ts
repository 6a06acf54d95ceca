import { expect, describe as group, it } from 'vitest';
import {
  bool,
  describe,
  FLOAT32_MAX,
  int,
  num,
  numberArray,
  object,
  oneOf,
  optional,
  str,
  union,
  validate,
  withDefault,
} from './param-schema';

const problemsOf = (result: ReturnType<typeof validate>): string[] =>
  result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);

group('parameter schemas', () => {
  it('checks integers against their range with the path and the value that arrived', () => {
    expect(validate(int(1, 64), 3, 'stride')).toEqual({ ok: true, value: 3 });
    expect(problemsOf(validate(int(1, 64), 0, 'stride'))).toEqual(['stride: must be an integer >= 1, got 0']);
    expect(problemsOf(validate(int(1, 64), 65, 'stride'))).toEqual([
      'stride: must be an integer <= 64, got 65',
    ]);
    expect(problemsOf(validate(int(1, 64), 1.5, 'stride'))).toEqual(['stride: must be an integer, got 1.5']);
    expect(problemsOf(validate(int(1, 64), '2', 'stride'))).toEqual(['stride: must be an integer, got "2"']);
  });

  it('rejects numbers that are not finite or overflow float32', () => {
    expect(problemsOf(validate(num(), Number.NaN, 'x'))).toEqual(['x: must be a finite number, got NaN']);
    expect(problemsOf(validate(num(), 1e39, 'x'))).toEqual([
      'x: must be within ±3.4e38 (float32), got 1e+39',
    ]);
    expect(validate(num(), -FLOAT32_MAX, 'x').ok).toBe(true);
    expect(problemsOf(validate(num(0, 1), 2, 'x'))).toEqual(['x: must be a number <= 1, got 2']);
  });

  it('checks booleans, strings and choices', () => {
    expect(problemsOf(validate(bool(), 'yes', 'flip'))).toEqual(['flip: must be true or false, got "yes"']);
    expect(problemsOf(validate(str(3), 'abcd', 't'))).toEqual(['t: must be at most 3 characters, got 4']);
    expect(problemsOf(validate(oneOf('max', 'avg'), 'min', 'kind'))).toEqual([
      'kind: must be one of "max", "avg", got "min"',
    ]);
  });

  it('fills defaults for missing values and leaves optional ones out', () => {
    const schema = object({ kind: withDefault(oneOf('max', 'avg'), 'max'), stride: optional(int(1, 9)) });
    expect(validate(schema, {})).toEqual({ ok: true, value: { kind: 'max' } });
    expect(validate(schema, { stride: 2 })).toEqual({ ok: true, value: { kind: 'max', stride: 2 } });
  });

  it('collects every problem in an object: unknown, missing and invalid fields', () => {
    const schema = object({ size: int(1, 64), kind: oneOf('max', 'avg') }, 'parameter');
    expect(problemsOf(validate(schema, { strid: 2, kind: 'min' }, 'p'))).toEqual([
      'p.strid: unknown parameter (known: size, kind)',
      'p.size: is required: an integer from 1 to 64',
      'p.kind: must be one of "max", "avg", got "min"',
    ]);
  });

  it('checks number lists entry by entry and by length', () => {
    const pair = numberArray(int(0, 9), 2, 2);
    expect(problemsOf(validate(pair, [1, 2, 3], 'pad'))).toEqual(['pad: must have 2 entries, got 3']);
    expect(problemsOf(validate(pair, [1, -1], 'pad'))).toEqual(['pad[1]: must be an integer >= 0, got -1']);
  });

  it('reports a union by the one option of the same JSON type, else by listing the options', () => {
    const stride = union<number | number[]>(int(1, 64), numberArray(int(1, 64), 2, 2));
    expect(validate(stride, [2, 3])).toEqual({ ok: true, value: [2, 3] });
    expect(problemsOf(validate(stride, 0, 's'))).toEqual(['s: must be an integer >= 1, got 0']);
    expect(problemsOf(validate(stride, 'x', 's'))).toEqual([
      's: must be an integer from 1 to 64, or a list of 2 numbers; got "x"',
    ]);
  });

  it('exposes metadata a UI can build a control from', () => {
    const stride = describe(int(1, 64), 'Stride', 'Step between windows.');
    expect(stride.meta).toEqual({ type: 'int', min: 1, max: 64 });
    expect(stride.label).toBe('Stride');
    expect(withDefault(oneOf('max', 'avg'), 'max').meta).toMatchObject({
      type: 'default',
      default: 'max',
      inner: { meta: { type: 'oneOf', options: ['max', 'avg'] } },
    });
  });
});

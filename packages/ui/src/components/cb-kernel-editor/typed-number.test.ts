import { describe, expect, it } from 'vitest';
import { describeNumberProblem, readTypedNumber } from './typed-number';

describe('typed number', () => {
  it('reads plain decimals, signs, exponents and the typographic minus', () => {
    expect(readTypedNumber(' 0.5 ')).toEqual({ ok: true, value: 0.5 });
    expect(readTypedNumber('-.25')).toEqual({ ok: true, value: -0.25 });
    expect(readTypedNumber('1e-3')).toEqual({ ok: true, value: 0.001 });
    expect(readTypedNumber('−1')).toEqual({ ok: true, value: -1 });
    expect(readTypedNumber('3e38')).toEqual({ ok: true, value: 3e38 });
  });

  it('tells empty, not a number, a decimal comma and too large apart', () => {
    expect(readTypedNumber('  ')).toEqual({ ok: false, problem: 'empty' });
    for (const text of ['abc', 'NaN', '0x10', '1e', '-', '1.2.3'])
      expect(readTypedNumber(text), text).toEqual({ ok: false, problem: 'not-a-number' });
    expect(readTypedNumber('1,5')).toEqual({ ok: false, problem: 'decimal-comma' });
    // 1e400 overflows a double; 1e39 fits a double but not the float32 weights are stored in.
    for (const text of ['1e400', '-1e39', 'Infinity', '∞'])
      expect(readTypedNumber(text), text).toEqual({ ok: false, problem: 'too-large' });
  });

  it('says what is wrong in plain words, names the field and the value it keeps', () => {
    const say = (text: string) => {
      const typed = readTypedNumber(text);
      return typed.ok ? '' : describeNumberProblem('weight row 1, column 1', text, typed.problem, '1');
    };
    expect(say('')).toBe('Weight row 1, column 1 was left empty; the old value, 1, is kept.');
    expect(say('abc')).toBe('Weight row 1, column 1: “abc” is not a number; the old value, 1, is kept.');
    expect(say('NaN')).toBe('Weight row 1, column 1: “NaN” is not a number; the old value, 1, is kept.');
    expect(say('1e400')).toBe(
      'Weight row 1, column 1: “1e400” is too large — numbers must stay within ±3.4 × 10³⁸; the old value, 1, is kept.',
    );
    expect(say('1,5')).toBe(
      'Weight row 1, column 1: “1,5” is not a number here — write decimals with a point (1.5); the old value, 1, is kept.',
    );
  });

  it('does not quote text a number field could not read (it reports only that it was unreadable)', () => {
    expect(describeNumberProblem('seed', '', 'not-a-number', '7')).toBe(
      'Seed is not a number; the old value, 7, is kept.',
    );
  });
});

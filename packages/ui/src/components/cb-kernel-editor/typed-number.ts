import { FLOAT32_MAX } from '@convbook/cells';
import { capitalise } from '../../format/capitalise';

/**
 * Reading a number typed into a weight or bias field, and saying in plain words why a text is not one.
 * The fields are text inputs rather than type="number" because a number input hides what was typed:
 * Chromium drops letters as they are typed ("abc" arrives as an empty field), drops commas ("1,5" arrives
 * as 15) and reports "1e400" only as unreadable, so the editor could not say what was wrong.
 */
export type TypedNumber =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly problem: NumberProblem };

export type NumberProblem = 'empty' | 'not-a-number' | 'decimal-comma' | 'too-large';

/** Plain decimal notation, optionally with an exponent: what people type, and what String(number) gives. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/** "1,5": a decimal comma, which Number() and a number input would both misread. */
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
const INFINITY = /^[+-]?(?:inf|infinity|∞)$/i;

export function readTypedNumber(text: string): TypedNumber {
  // A minus sign copied from the app's own labels ("−1") means the same as a hyphen.
  const trimmed = text.trim().replace(/^\u2212/, '-');
  if (trimmed === '') return { ok: false, problem: 'empty' };
  if (DECIMAL_COMMA.test(trimmed)) return { ok: false, problem: 'decimal-comma' };
  if (INFINITY.test(trimmed)) return { ok: false, problem: 'too-large' };
  if (!DECIMAL.test(trimmed)) return { ok: false, problem: 'not-a-number' };
  const value = Number(trimmed);
  // The loader's limit (weights are stored as float32); "1e400" already overflows to Infinity here.
  if (!(Math.abs(value) <= FLOAT32_MAX)) return { ok: false, problem: 'too-large' };
  return { ok: true, value };
}

/**
 * Whether a type="number" field holds text it could not read ("1e", "-"): such a field reports an empty
 * value, with only `validity.badInput` to tell it from a cleared one.
 */
export function holdsUnreadableText(input: HTMLInputElement): boolean {
  return input.value === '' && input.validity.badInput;
}

/** Reads a field: a text field by its text; a type="number" field (gaussian size, seed) as well as it can. */
export function readNumberField(input: HTMLInputElement): TypedNumber {
  if (holdsUnreadableText(input)) return { ok: false, problem: 'not-a-number' };
  return readTypedNumber(input.value);
}

/**
 * Why `text`, typed into `field` ("weight row 1, column 1"), is not used, ending with the value still in
 * use: e.g. `Weight row 1, column 1: “abc” is not a number; the old value, 1, is kept.`
 */
export function describeNumberProblem(
  field: string,
  text: string,
  problem: NumberProblem,
  kept: string,
): string {
  const name = capitalise(field);
  const typed = `“${text.trim()}”`;
  const keeps = `the old value, ${kept}, is kept.`;
  switch (problem) {
    case 'empty':
      return `${name} was left empty; ${keeps}`;
    case 'not-a-number':
      // A number field that could not read its text does not say what the text was.
      return text.trim() === ''
        ? `${name} is not a number; ${keeps}`
        : `${name}: ${typed} is not a number; ${keeps}`;
    case 'decimal-comma':
      return `${name}: ${typed} is not a number here — write decimals with a point (${text.trim().replace(',', '.')}); ${keeps}`;
    case 'too-large':
      return `${name}: ${typed} is too large — numbers must stay within ±3.4 × 10³⁸; ${keeps}`;
  }
}

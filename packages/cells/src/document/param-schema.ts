import { at } from '@convbook/core';
import type { DocumentProblem } from './document-error';

/**
 * A small, introspectable schema language for cell parameters. The parser validates documents with it,
 * the runtime re-validates parameters edited at run time, and the UI reads `meta` to build a control
 * (slider for `int`, dropdown for `oneOf`, ...). Every schema collects problems with JSON paths instead
 * of stopping at the first, so a document reports everything wrong with it at once.
 */

/** Largest finite float32; JSON numbers beyond it would silently become Infinity inside a tensor. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** Returned by `check` when the value is invalid; the problems were pushed onto the list. */
export const INVALID: unique symbol = Symbol('invalid');
export type Checked<T> = T | typeof INVALID;

export type SchemaMeta =
  | { readonly type: 'int'; readonly min: number; readonly max: number }
  | { readonly type: 'num'; readonly min?: number | undefined; readonly max?: number | undefined }
  | { readonly type: 'bool' }
  | { readonly type: 'str'; readonly maxLength: number }
  | { readonly type: 'oneOf'; readonly options: readonly string[] }
  | { readonly type: 'optional'; readonly inner: Schema<unknown> }
  | { readonly type: 'default'; readonly inner: Schema<unknown>; readonly default: unknown }
  | {
      readonly type: 'numberArray';
      readonly item: Schema<number>;
      readonly minLength: number;
      readonly maxLength: number;
    }
  | { readonly type: 'tensor'; readonly maxShapes: readonly (readonly number[])[] }
  | { readonly type: 'union'; readonly options: readonly Schema<unknown>[] }
  | { readonly type: 'object'; readonly fields: Readonly<Record<string, Schema<unknown>>> };

export interface Schema<T> {
  readonly meta: SchemaMeta;
  /** Short human name for a control, e.g. "Stride". */
  readonly label?: string | undefined;
  readonly description?: string | undefined;
  /** What a valid value looks like, for messages: "an integer >= 1". */
  readonly expected: string;
  /** Validates `value` found at `path`; pushes every problem and returns INVALID, or returns the value. */
  check(value: unknown, path: string, problems: DocumentProblem[]): Checked<T>;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;
export type SchemaResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly DocumentProblem[] };

/** Runs a schema and returns the value or every problem found. */
export function validate<T>(schema: Schema<T>, value: unknown, path = ''): SchemaResult<T> {
  const problems: DocumentProblem[] = [];
  const result = schema.check(value, path, problems);
  if (result === INVALID || problems.length > 0) return { ok: false, problems };
  return { ok: true, value: result };
}

/** The same schema with a label and description for the UI. */
export function describe<T>(schema: Schema<T>, label: string, description?: string): Schema<T> {
  return { ...schema, label, description, check: schema.check };
}

/** Formats any JSON-ish value briefly for "got ..." in messages. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function fail(problems: DocumentProblem[], path: string, message: string): typeof INVALID {
  problems.push({ path, message });
  return INVALID;
}

/** Checks a finite float32 number; shared by `num`, `int` and tensor literals. */
function checkFloat32(value: unknown, path: string, problems: DocumentProblem[]): Checked<number> {
  if (typeof value !== 'number') return fail(problems, path, `must be a number, got ${showValue(value)}`);
  if (!Number.isFinite(value)) return fail(problems, path, `must be a finite number, got ${value}`);
  if (Math.abs(value) > FLOAT32_MAX) {
    return fail(problems, path, `must be within ±3.4e38 (float32), got ${value}`);
  }
  return value;
}

export function int(min: number, max: number): Schema<number> {
  return {
    meta: { type: 'int', min, max },
    expected: `an integer from ${min} to ${max}`,
    check(value, path, problems) {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        return fail(problems, path, `must be an integer, got ${showValue(value)}`);
      }
      if (value < min) return fail(problems, path, `must be an integer >= ${min}, got ${value}`);
      if (value > max) return fail(problems, path, `must be an integer <= ${max}, got ${value}`);
      return value;
    },
  };
}

export function num(min?: number, max?: number): Schema<number> {
  const range =
    min !== undefined && max !== undefined
      ? ` from ${min} to ${max}`
      : min !== undefined
        ? ` >= ${min}`
        : max !== undefined
          ? ` <= ${max}`
          : '';
  return {
    meta: { type: 'num', min, max },
    expected: `a number${range}`,
    check(value, path, problems) {
      const n = checkFloat32(value, path, problems);
      if (n === INVALID) return INVALID;
      if (min !== undefined && n < min) return fail(problems, path, `must be a number >= ${min}, got ${n}`);
      if (max !== undefined && n > max) return fail(problems, path, `must be a number <= ${max}, got ${n}`);
      return n;
    },
  };
}

export function bool(): Schema<boolean> {
  return {
    meta: { type: 'bool' },
    expected: 'true or false',
    check: (value, path, problems) =>
      typeof value === 'boolean'
        ? value
        : fail(problems, path, `must be true or false, got ${showValue(value)}`),
  };
}

export function str(maxLength: number): Schema<string> {
  return {
    meta: { type: 'str', maxLength },
    expected: `a string of at most ${maxLength} characters`,
    check(value, path, problems) {
      if (typeof value !== 'string') return fail(problems, path, `must be a string, got ${showValue(value)}`);
      if (value.length > maxLength) {
        return fail(problems, path, `must be at most ${maxLength} characters, got ${value.length}`);
      }
      return value;
    },
  };
}

export function oneOf<const T extends string>(...options: readonly T[]): Schema<T> {
  const listed = options.map((o) => `"${o}"`).join(', ');
  return {
    meta: { type: 'oneOf', options },
    expected: `one of ${listed}`,
    check: (value, path, problems) =>
      typeof value === 'string' && (options as readonly string[]).includes(value)
        ? (value as T)
        : fail(problems, path, `must be one of ${listed}, got ${showValue(value)}`),
  };
}

export function optional<T>(inner: Schema<T>): Schema<T | undefined> {
  return {
    meta: { type: 'optional', inner },
    label: inner.label,
    description: inner.description,
    expected: inner.expected,
    check: (value, path, problems) => (value === undefined ? undefined : inner.check(value, path, problems)),
  };
}

/** A missing value becomes `fallback`; the parsed document keeps what the author wrote. */
export function withDefault<T>(inner: Schema<T>, fallback: T): Schema<T> {
  return {
    meta: { type: 'default', inner, default: fallback },
    label: inner.label,
    description: inner.description,
    expected: inner.expected,
    check: (value, path, problems) => (value === undefined ? fallback : inner.check(value, path, problems)),
  };
}

/** True when a field may be left out of an object. */
export function isOptional(schema: Schema<unknown>): boolean {
  return schema.meta.type === 'optional' || schema.meta.type === 'default';
}

export function numberArray(item: Schema<number>, minLength: number, maxLength: number): Schema<number[]> {
  return {
    meta: { type: 'numberArray', item, minLength, maxLength },
    expected: `a list of ${minLength === maxLength ? minLength : `${minLength}–${maxLength}`} numbers`,
    check(value, path, problems) {
      if (!Array.isArray(value))
        return fail(problems, path, `must be a list of numbers, got ${showValue(value)}`);
      if (value.length < minLength || value.length > maxLength) {
        const bounds = minLength === maxLength ? `${minLength}` : `${minLength} to ${maxLength}`;
        return fail(problems, path, `must have ${bounds} entries, got ${value.length}`);
      }
      const before = problems.length;
      const out = value.map((v, i) => item.check(v, `${path}[${i}]`, problems));
      return problems.length > before ? INVALID : (out as number[]);
    },
  };
}

/**
 * The first option that accepts the value. When the value fails every option, and only one option is even
 * of the value's JSON type, that option's own problems are reported (`stride: 0` → "must be an integer >= 1"),
 * since that is almost certainly what the author meant.
 */
export function union<T>(...options: readonly Schema<T>[]): Schema<T> {
  const expected = options.map((o) => o.expected).join(', or ');
  return {
    meta: { type: 'union', options },
    expected,
    check(value, path, problems) {
      type Attempt = { option: Schema<T>; own: DocumentProblem[]; result: Checked<T> };
      const attempts = options.map((option): Attempt => {
        const own: DocumentProblem[] = [];
        const result: Checked<T> = option.check(value, path, own);
        return { option, own, result };
      });
      const success = attempts.find((a) => a.result !== INVALID && a.own.length === 0);
      if (success !== undefined) return success.result;
      const sameType = attempts.filter((a) => jsonTypeMatches(a.option, value));
      if (sameType.length === 1) {
        problems.push(...at(sameType, 0).own);
        return INVALID;
      }
      return fail(problems, path, `must be ${expected}; got ${showValue(value)}`);
    },
  };
}

/** Whether a value has the JSON type a schema is about (number, string, list, ...), valid or not. */
function jsonTypeMatches(schema: Schema<unknown>, value: unknown): boolean {
  const meta = schema.meta;
  switch (meta.type) {
    case 'int':
    case 'num':
      return typeof value === 'number';
    case 'bool':
      return typeof value === 'boolean';
    case 'str':
    case 'oneOf':
      return typeof value === 'string';
    case 'numberArray':
    case 'tensor':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
    case 'optional':
    case 'default':
      return value === undefined || jsonTypeMatches(meta.inner, value);
    case 'union':
      return meta.options.some((option) => jsonTypeMatches(option, value));
  }
}

type Fields = Readonly<Record<string, Schema<unknown>>>;
export type ObjectOf<F extends Fields> = { -readonly [K in keyof F]: Infer<F[K]> };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A record with known fields. Unknown keys are problems (a typo such as "strid" must not be ignored), as
 * are missing required fields. `noun` names the keys in messages ("parameter", "field").
 */
export function object<F extends Fields>(fields: F, noun = 'field'): Schema<ObjectOf<F>> {
  const known = Object.keys(fields);
  return {
    meta: { type: 'object', fields },
    expected: `an object with ${known.join(', ')}`,
    check(value, path, problems) {
      if (!isPlainObject(value)) return fail(problems, path, `must be an object, got ${showValue(value)}`);
      const before = problems.length;
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(fields, key)) {
          const list = known.length > 0 ? `known: ${known.join(', ')}` : `it takes none`;
          problems.push({ path: joinPath(path, key), message: `unknown ${noun} (${list})` });
        }
      }
      const out: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(fields)) {
        const fieldPath = joinPath(path, key);
        if (value[key] === undefined && !isOptional(schema)) {
          problems.push({ path: fieldPath, message: `is required: ${schema.expected}` });
          continue;
        }
        const result = schema.check(value[key], fieldPath, problems);
        if (result !== undefined && result !== INVALID) out[key] = result;
      }
      return problems.length > before ? INVALID : (out as ObjectOf<F>);
    },
  };
}

export function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

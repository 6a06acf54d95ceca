import { at, type NestedNumbers } from '@convbook/core';
import type { DocumentProblem } from './document-error';
import { FLOAT32_MAX, INVALID, type Schema, showValue } from './param-schema';

/** A nested array of numbers as written in a document: [H][W], [C][H][W], [O][C][kh][kw], ... */
export type TensorLiteral = NestedNumbers[];

/** Past this many bad entries a literal reports a count instead of one problem per entry. */
const MAX_ENTRY_PROBLEMS = 5;

/**
 * A nested array literal of one of the given ranks, each dimension at most its `maxShapes` entry (and at
 * least 1). The shape is read from the first entry at each depth and checked against the limits before
 * anything is walked or allocated, so a document claiming a 100000×100000 image fails fast.
 */
export function tensorLiteral(...maxShapes: readonly (readonly number[])[]): Schema<TensorLiteral> {
  const ranks = maxShapes.map((s) => s.length);
  const expected = `a nested list of numbers shaped ${maxShapes.map(describeShape).join(' or ')}`;
  return {
    meta: { type: 'tensor', maxShapes },
    expected,
    check(value, path, problems) {
      if (!Array.isArray(value)) return fail(problems, path, `must be ${expected}, got ${showValue(value)}`);
      const shape = leadingShape(value);
      const limits = maxShapes.find((s) => s.length === shape.length);
      if (limits === undefined) {
        return fail(problems, path, `must have ${ranks.join(' or ')} levels of nesting, got ${shape.length}`);
      }
      for (const [axis, size] of shape.entries()) {
        if (size < 1) return fail(problems, path, `must not be empty (dimension ${axis} has 0 entries)`);
        const limit = at(limits, axis);
        if (size > limit) {
          return fail(problems, path, `dimension ${axis} has ${size} entries, the limit is ${limit}`);
        }
      }
      const bad = { count: 0 };
      checkEntries(value, shape, 0, path, problems, bad);
      if (bad.count > MAX_ENTRY_PROBLEMS) {
        problems.push({ path, message: `${bad.count - MAX_ENTRY_PROBLEMS} more bad entries not listed` });
      }
      return bad.count > 0 ? INVALID : (value as TensorLiteral);
    },
  };
}

/** The shape implied by following the first entry down; raggedness is checked afterwards. */
export function leadingShape(value: unknown): number[] {
  const shape: number[] = [];
  let level = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  return shape;
}

/**
 * Walks every entry. The path of an entry ("values[0][2][1]") is only spelt out for a bad one: a kernel
 * bank is checked on every weight edit, and building hundreds of path strings per check is wasted work.
 */
function checkEntries(
  value: unknown,
  shape: readonly number[],
  depth: number,
  path: string,
  problems: DocumentProblem[],
  bad: { count: number },
  indices: number[] = [],
): void {
  if (depth === shape.length) {
    if (typeof value === 'number' && Math.abs(value) <= FLOAT32_MAX) return; // the common case: fine
    if (typeof value !== 'number')
      reportEntry(problems, bad, path, indices, `must be a number, got ${showValue(value)}`);
    else if (!Number.isFinite(value))
      reportEntry(problems, bad, path, indices, `must be a finite number, got ${value}`);
    else if (Math.abs(value) > FLOAT32_MAX)
      reportEntry(problems, bad, path, indices, `must be within ±3.4e38 (float32), got ${value}`);
    return;
  }
  if (!Array.isArray(value) || value.length !== shape[depth]) {
    const got = Array.isArray(value) ? `${value.length} entries` : showValue(value);
    reportEntry(
      problems,
      bad,
      path,
      indices,
      `ragged: expected ${shape[depth]} entries like the first row, got ${got}`,
    );
    return;
  }
  for (let i = 0; i < value.length; i++) {
    indices.push(i);
    checkEntries(value[i], shape, depth + 1, path, problems, bad, indices);
    indices.pop();
  }
}

function reportEntry(
  problems: DocumentProblem[],
  bad: { count: number },
  path: string,
  indices: readonly number[],
  message: string,
): void {
  bad.count++;
  if (bad.count <= MAX_ENTRY_PROBLEMS)
    problems.push({ path: path + indices.map((i) => `[${i}]`).join(''), message });
}

function describeShape(maxShape: readonly number[]): string {
  return `[${maxShape.map((n) => `≤${n}`).join('][')}]`;
}

function fail(problems: DocumentProblem[], path: string, message: string): typeof INVALID {
  problems.push({ path, message });
  return INVALID;
}

import { requireInteger, ShapeError } from './shape-errors';

/**
 * Output-size arithmetic for a sliding window (conv or pool) along each axis, including how 'same' and
 * 'full' turn into pad amounts. conv2d's conv-options.ts implements the same rules; both must agree.
 */

/** 'valid' | 'same' | 'full', or explicit amounts: p, [ph, pw], [top, bottom, left, right]. */
export type PaddingSpec =
  | 'valid'
  | 'same'
  | 'full'
  | number
  | readonly [number, number]
  | readonly [number, number, number, number];

export interface Padding {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/** (k − 1)·dilation + 1: the span a dilated kernel covers. */
export function effectiveKernel(k: number, dilation: number): number {
  return (k - 1) * dilation + 1;
}

/** Output positions along one axis; ≤ 0 means the kernel does not fit. */
export function outputLength(
  inLen: number,
  k: number,
  stride: number,
  dilation: number,
  padBefore: number,
  padAfter: number,
): number {
  return Math.floor((inLen + padBefore + padAfter - effectiveKernel(k, dilation)) / stride) + 1;
}

/** One axis of 'same'/'full'/'valid': [before, after]. 'same' puts the odd extra pad after. */
function namedPad(
  spec: 'valid' | 'same' | 'full',
  inLen: number,
  kEff: number,
  stride: number,
): [number, number] {
  if (spec === 'valid') return [0, 0];
  if (spec === 'full') return [kEff - 1, kEff - 1];
  const out = Math.ceil(inLen / stride);
  const total = Math.max((out - 1) * stride + kEff - inLen, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** Turns a padding spec into four amounts for an input of `[h, w]` and effective kernel `[kh, kw]`. */
export function resolvePadding(
  op: string,
  spec: PaddingSpec,
  input: readonly [number, number],
  kernelEffective: readonly [number, number],
  stride: readonly [number, number],
): Padding {
  const known = typeof spec === 'number' || spec === 'valid' || spec === 'same' || spec === 'full';
  if (!known && !(Array.isArray(spec) && (spec.length === 2 || spec.length === 4))) {
    // Documents arrive as parsed JSON, so guard the cases the type already rules out.
    throw new ShapeError(
      op,
      `padding must be 'valid', 'same', 'full', p, [ph, pw] or [top, bottom, left, right], got ${JSON.stringify(spec)}`,
    );
  }
  if (typeof spec === 'string') {
    const [top, bottom] = namedPad(spec, input[0], kernelEffective[0], stride[0]);
    const [left, right] = namedPad(spec, input[1], kernelEffective[1], stride[1]);
    return { top, bottom, left, right };
  }
  const amounts = typeof spec === 'number' ? [spec] : [...spec];
  for (const [i, p] of amounts.entries()) requireInteger(op, `padding[${i}]`, p, 0);
  if (typeof spec === 'number') return { top: spec, bottom: spec, left: spec, right: spec };
  if (spec.length === 2) return { top: spec[0], bottom: spec[0], left: spec[1], right: spec[1] };
  return { top: spec[0], bottom: spec[1], left: spec[2], right: spec[3] };
}

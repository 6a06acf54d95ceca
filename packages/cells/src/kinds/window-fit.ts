import {
  type AxisPair,
  conv2dOutputSize,
  effectiveKernelSize,
  type Padding,
  type PaddingMode,
  type Pads,
} from '@convbook/core';
import { MAX_PAD } from './window-params';

/**
 * Why a conv kernel or a pool window has no room on its input, in plain words, with fixes that would give
 * it room. Core says it precisely for programmers ("conv2d: kernel is 5×2 but the padded input is 3×4");
 * the cell says it for people: which way the window is too big, and what to set instead.
 *
 * A window fits when its span — (k − 1)·d + 1 cells with dilation d — is at most the padded input along
 * each axis. Stride changes how many places it fits, never whether; 'same' and 'full' padding always make
 * room, so only 'valid' and explicit amounts can leave none.
 */

type Pair = readonly [number, number];

export interface WindowOnInput {
  /** The input's [H, W]. */
  readonly input: Pair;
  /** The kernel's or window's [rows, columns] as set, before dilation. */
  readonly window: Pair;
  readonly dilation: Pair;
  readonly stride: Pair;
  readonly padding: Padding;
  /** The largest pad per side each axis allows, by the op's other rules (reflect, pool). */
  readonly maxPad: Pair;
}

/** Conv's pad limits per axis: a reflection needs a cell beyond the edge, a wrap goes round at most once. */
export function convMaxPad(input: Pair, mode: PaddingMode): Pair {
  const limit = (length: number): number =>
    mode === 'reflect' ? length - 1 : mode === 'circular' ? length : MAX_PAD;
  return [Math.min(MAX_PAD, limit(input[0])), Math.min(MAX_PAD, limit(input[1]))];
}

/** Pool's pad limits: a window that covered only padding would have no max or mean. */
export function poolMaxPad(window: Pair): Pair {
  return [Math.min(MAX_PAD, window[0] - 1), Math.min(MAX_PAD, window[1] - 1)];
}

/** What would give the window room, axis by axis; undefined when it fits (or core reports a bad option). */
export interface WindowMisfit {
  readonly span: Pair;
  readonly padded: Pair;
  readonly pads: Pads;
  readonly tooTall: boolean;
  readonly tooWide: boolean;
  /** The largest kernel rows and columns that fit at this dilation and padding. */
  readonly largestWindow: Pair;
  /** The largest dilation (one number, both axes) that lets the window fit; undefined if none does. */
  readonly largestDilation: number | undefined;
  /** The smallest padding (one number, every side) that makes room; undefined if the limits forbid it. */
  readonly padding: number | undefined;
  /** Whether 'same' padding makes room within the limits. */
  readonly same: boolean;
}

export function findWindowMisfit(w: WindowOnInput): WindowMisfit | undefined {
  if (w.padding === 'same' || w.padding === 'full') return undefined;
  const pads = explicitPads(w);
  if (pads === undefined) return undefined;
  const span: Pair = [
    effectiveKernelSize(w.window[0], w.dilation[0]),
    effectiveKernelSize(w.window[1], w.dilation[1]),
  ];
  const padded: Pair = [w.input[0] + pads.top + pads.bottom, w.input[1] + pads.left + pads.right];
  const tooTall = span[0] > padded[0];
  const tooWide = span[1] > padded[1];
  if (!tooTall && !tooWide) return undefined;
  // Per axis, the smallest equal pad on both sides: 2p ≥ span − input.
  const need = (axis: 0 | 1): number => Math.max(0, Math.ceil((span[axis] - w.input[axis]) / 2));
  const padding = Math.max(need(0), need(1));
  return {
    span,
    padded,
    pads,
    tooTall,
    tooWide,
    largestWindow: [largestWindow(padded[0], w.dilation[0]), largestWindow(padded[1], w.dilation[1])],
    largestDilation: largestDilation(w.window, padded),
    padding: padding <= w.maxPad[0] && padding <= w.maxPad[1] ? padding : undefined,
    same: sameFits(w),
  };
}

/**
 * The sentence a conv or pool cell shows, e.g. "the kernel (5×2) is taller than the input (3×4, no
 * padding), so there is no position where it fits. To fix it, set the kernel's Rows to at most 3, or set
 * Padding to 'same' or to at least 1."
 */
export function describeWindowMisfit(what: 'kernel' | 'window', w: WindowOnInput, m: WindowMisfit): string {
  const dilated = w.dilation[0] > 1 || w.dilation[1] > 1 ? `, dilated to span ${size(m.span)}` : '';
  const direction = m.tooTall && m.tooWide ? 'taller and wider' : m.tooTall ? 'taller' : 'wider';
  const padded = m.padded[0] !== w.input[0] || m.padded[1] !== w.input[1];
  const input = padded
    ? `the padded input (${size(m.padded)}: ${size(w.input)} with padding ${describePads(m.pads)})`
    : `the input (${size(w.input)}, no padding)`;
  const problem = `the ${what} (${size(w.window)}${dilated}) is ${direction} than ${input}, so there is no position where it fits.`;
  const fixes = [what === 'kernel' ? smallerKernel(m) : smallerWindow(m)];
  const dilationHelps = (m.tooTall && w.dilation[0] > 1) || (m.tooWide && w.dilation[1] > 1);
  if (dilationHelps && m.largestDilation !== undefined)
    fixes.push(`set Dilation to ${m.largestDilation === 1 ? '1' : `at most ${m.largestDilation}`}`);
  const paddings = [m.same ? "'same'" : '', m.padding === undefined ? '' : `at least ${m.padding}`];
  const padding = paddings.filter((p) => p !== '').join(' or to ');
  if (padding !== '') fixes.push(`set Padding to ${padding}`);
  return `${problem} To fix it, ${orList(fixes)}.`;
}

/** The kernel is sized in its own cell, by its Rows and Columns fields. */
function smallerKernel(m: WindowMisfit): string {
  const rows = `Rows to at most ${m.largestWindow[0]}`;
  const columns = `Columns to at most ${m.largestWindow[1]}`;
  if (m.tooTall && m.tooWide) return `set the kernel's ${rows} and ${columns}`;
  return `set the kernel's ${m.tooTall ? rows : columns}`;
}

/** The pool's Window field is one number for both sides: the largest square that fits both axes. */
function smallerWindow(m: WindowMisfit): string {
  return `set Window to at most ${Math.min(m.largestWindow[0], m.largestWindow[1])}`;
}

/** (k − 1)·d + 1 ≤ padded ⇔ k ≤ ⌊(padded − 1) / d⌋ + 1. */
function largestWindow(padded: number, dilation: number): number {
  return Math.floor((padded - 1) / dilation) + 1;
}

/** (k − 1)·d + 1 ≤ padded ⇔ d ≤ ⌊(padded − 1) / (k − 1)⌋, on both axes (a 1-tap axis fits at any d). */
function largestDilation(window: Pair, padded: Pair): number | undefined {
  const axes = [0, 1].filter((axis) => (window[axis] ?? 1) > 1);
  const largest = Math.min(
    ...axes.map((axis) => Math.floor(((padded[axis] ?? 1) - 1) / ((window[axis] ?? 1) - 1))),
  );
  return largest >= 1 ? largest : undefined;
}

/** An explicit padding's four pads, as core resolves them (they do not depend on the window). */
function explicitPads(w: WindowOnInput): Pads | undefined {
  try {
    return conv2dOutputSize(w.input, [1, 1], { padding: w.padding }).pads;
  } catch {
    return undefined; // a bad padding: core's own message says so
  }
}

/** 'same' pads as core would choose them for this window and stride, checked against the limits. */
function sameFits(w: WindowOnInput): boolean {
  try {
    const options = {
      padding: 'same' as const,
      stride: w.stride as AxisPair,
      dilation: w.dilation as AxisPair,
    };
    const { pads } = conv2dOutputSize(w.input, w.window, options);
    return Math.max(pads.top, pads.bottom) <= w.maxPad[0] && Math.max(pads.left, pads.right) <= w.maxPad[1];
  } catch {
    return false;
  }
}

function describePads({ top, bottom, left, right }: Pads): string {
  if (top === bottom && left === right)
    return top === left ? `${top}` : `${top} above and below, ${left} left and right`;
  return `${top} top, ${bottom} bottom, ${left} left, ${right} right`;
}

function size(pair: Pair): string {
  return `${pair[0]}×${pair[1]}`;
}

/** "a", "a, or b", "a, b, or c". */
function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')}, or ${items.at(-1)}`;
}

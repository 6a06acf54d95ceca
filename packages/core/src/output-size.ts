import { effectiveKernelSize, type Padding as PaddingOption, type Pads, resolvePads } from './conv-options';

/**
 * Output-size arithmetic for a sliding window (conv or pool) along each axis, for the layer-arithmetic and
 * receptive-field modules. The padding rules themselves live once, in conv-options.ts, so the numbers these
 * report can never disagree with what conv2d and pool2d compute.
 */

/** 'valid' | 'same' | 'full', or explicit amounts: p, [ph, pw], [top, bottom, left, right]. */
export type PaddingSpec = PaddingOption;

export type Padding = Pads;

/** (k − 1)·dilation + 1: the span a dilated kernel covers. */
export const effectiveKernel = effectiveKernelSize;

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

/** Turns a padding spec into four amounts for an input of `[h, w]` and effective kernel `[kh, kw]`. */
export function resolvePadding(
  op: string,
  spec: PaddingSpec,
  input: readonly [number, number],
  kernelEffective: readonly [number, number],
  stride: readonly [number, number],
): Padding {
  return resolvePads(op, spec, input, kernelEffective, stride);
}

import type { Tensor } from '@convbook/core';
import type { CellValue } from '../cell-value';
import { deepEqual } from '../runtime/deep-equal';
import { planeSize, sameBits, sameShape, takePlanes } from './channel-planes';
import type { LastCompute } from './define-cell-kind';

/**
 * What a conv cell can keep from its last compute. Output map o depends on the input, the window
 * params and kernel o with its bias, nothing else, and the conv loops compute every map the same way
 * whichever other kernels are in the bank (core's parallel conv relies on this too: it splits a bank
 * across workers and is tested equal bit for bit). So with the same input tensor and params, only the
 * maps of kernels whose weights or bias changed need computing: editing one weight redoes one map.
 */

interface ConvInputs {
  readonly input: { readonly tensor: Tensor };
  readonly kernel: { readonly weights: Tensor; readonly bias: Float32Array };
}

export interface ConvReuse {
  /** The last output, every map of it correct for the kernels not listed in `changed`. */
  readonly previous: Tensor;
  /** The last compute's value (whose tensor is `previous`). */
  readonly value: CellValue;
  /** The kernels (output maps) to compute again, in increasing order; empty when nothing changed. */
  readonly changed: readonly number[];
}

/** The maps to redo, or undefined when the last compute cannot help (another input, params, bank shape). */
export function reusableConv(
  last: LastCompute<ConvInputs, unknown> | undefined,
  inputs: ConvInputs,
  params: unknown,
): ConvReuse | undefined {
  if (last === undefined || last.value.type !== 'tensor') return undefined;
  if (last.inputs.input.tensor !== inputs.input.tensor) return undefined;
  if (last.params !== params && !deepEqual(last.params, params)) return undefined;
  const before = last.inputs.kernel;
  const now = inputs.kernel;
  if (!sameShape(before.weights, now.weights) || before.bias.length !== now.bias.length) return undefined;
  const kernels = now.weights.shape[0] ?? 1;
  const size = planeSize(now.weights);
  const changed: number[] = [];
  for (let o = 0; o < kernels; o++) {
    const same =
      sameBits(before.weights.data, now.weights.data, o * size, size) &&
      sameBits(before.bias, now.bias, o, 1);
    if (!same) changed.push(o);
  }
  // Every kernel changed: a whole conv, which can also go to the other cores at full size.
  return changed.length === kernels ? undefined : { previous: last.value.tensor, value: last.value, changed };
}

/** A bank's weights and bias, as the conv takes them. */
export interface Bank {
  readonly weights: Tensor;
  readonly bias: readonly number[];
}

export function wholeBank(kernel: ConvInputs['kernel']): Bank {
  return { weights: kernel.weights, bias: Array.from(kernel.bias) };
}

/** The bank of only the `kernels` listed, in that order. */
export function someKernels(kernel: ConvInputs['kernel'], kernels: readonly number[]): Bank {
  return { weights: takePlanes(kernel.weights, kernels), bias: kernels.map((o) => kernel.bias[o] ?? 0) };
}

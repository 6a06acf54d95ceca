import { type NestedNumbers, Tensor } from '@convbook/core';
import { MAX_CHANNELS, MAX_KERNEL_SIDE, MAX_KERNEL_WEIGHTS, MAX_KERNELS } from '../document/limits';

/**
 * Reshaping a kernel bank [O, C, kh, kw] the way a person editing it expects: every weight whose position
 * still exists keeps its value (anchored top-left, so "rows 3 → 2" drops the last row), new positions,
 * channels and kernels start at 0, and each kernel keeps its bias (a new kernel's is 0). The result is
 * written back as the kernel cell's typed-in `values`, which replaces a preset, gaussian or random source.
 */

export interface BankShape {
  readonly kernels: number;
  readonly channels: number;
  readonly rows: number;
  readonly columns: number;
}

export interface KernelBank {
  readonly weights: Tensor;
  readonly bias: Float32Array;
}

const AXES: readonly { key: keyof BankShape; label: string; max: number }[] = [
  { key: 'kernels', label: 'Kernels', max: MAX_KERNELS },
  { key: 'channels', label: 'Channels', max: MAX_CHANNELS },
  { key: 'rows', label: 'Rows', max: MAX_KERNEL_SIDE },
  { key: 'columns', label: 'Columns', max: MAX_KERNEL_SIDE },
];

export function bankShapeOf(weights: Tensor): BankShape {
  const [kernels = 1, channels = 1, rows = 1, columns = 1] = weights.shape;
  return { kernels, channels, rows, columns };
}

/** Plain-word problems with a requested shape (empty when it is fine), checked before allocating. */
export function checkBankShape(shape: BankShape): string[] {
  const problems = AXES.flatMap(({ key, label, max }) => {
    const n = shape[key];
    return Number.isInteger(n) && n >= 1 && n <= max
      ? []
      : [`${label} must be a whole number from 1 to ${max} — got ${String(n)}`];
  });
  if (problems.length > 0) return problems;
  const total = shape.kernels * shape.channels * shape.rows * shape.columns;
  return total > MAX_KERNEL_WEIGHTS
    ? [
        `${total} weights is more than the ${MAX_KERNEL_WEIGHTS} a bank may hold: use fewer or smaller kernels`,
      ]
    : [];
}

/** The bank resized to `to`, keeping every weight that still fits. Throws on a shape checkBankShape rejects. */
export function resizeKernelBank(bank: KernelBank, to: BankShape): KernelBank {
  const problems = checkBankShape(to);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const from = bankShapeOf(bank.weights);
  const out = new Float32Array(to.kernels * to.channels * to.rows * to.columns);
  const keep = {
    kernels: Math.min(from.kernels, to.kernels),
    channels: Math.min(from.channels, to.channels),
    rows: Math.min(from.rows, to.rows),
    columns: Math.min(from.columns, to.columns),
  };
  for (let o = 0; o < keep.kernels; o++) {
    for (let c = 0; c < keep.channels; c++) {
      for (let i = 0; i < keep.rows; i++) {
        const source = ((o * from.channels + c) * from.rows + i) * from.columns;
        const target = ((o * to.channels + c) * to.rows + i) * to.columns;
        out.set(bank.weights.data.subarray(source, source + keep.columns), target);
      }
    }
  }
  const bias = new Float32Array(to.kernels);
  bias.set(bank.bias.subarray(0, keep.kernels));
  return { weights: new Tensor([to.kernels, to.channels, to.rows, to.columns], out), bias };
}

/**
 * The kernel cell params patch that makes the cell hold exactly `bank`: typed-in values ([rows][columns]
 * for a single one-channel kernel, as people type it; [O][C][kh][kw] otherwise), the other sources
 * cleared, and the bias written only when some kernel has one.
 */
export function kernelParamsPatch(bank: KernelBank): Readonly<Record<string, unknown>> {
  const { kernels, channels } = bankShapeOf(bank.weights);
  const nested = bank.weights.toArray() as NestedNumbers[];
  const values = kernels === 1 && channels === 1 ? (nested[0] as NestedNumbers[])[0] : nested;
  const hasBias = bank.bias.some((b) => b !== 0);
  return {
    values,
    preset: undefined,
    gaussian: undefined,
    random: undefined,
    bias: hasBias ? Array.from(bank.bias) : undefined,
  };
}

/** One filter of a bank, [channels][rows][columns], for editing a bank one kernel at a time. */
export function filterOf(bank: KernelBank, kernel: number): number[][][] {
  const nested = bank.weights.toArray() as number[][][][];
  const filter = nested[kernel];
  if (filter === undefined)
    throw new RangeError(`kernel ${kernel + 1} does not exist (the bank has ${nested.length})`);
  return filter;
}

/** The bank with one filter replaced by `values` ([channels][rows][columns] of the bank's own shape). */
export function replaceFilter(
  bank: KernelBank,
  kernel: number,
  values: readonly (readonly (readonly number[])[])[],
): KernelBank {
  const shape = bankShapeOf(bank.weights);
  const plane = shape.channels * shape.rows * shape.columns;
  const flat = values.flat(2);
  if (kernel < 0 || kernel >= shape.kernels || flat.length !== plane) {
    throw new RangeError(`filter ${kernel + 1} must be ${shape.channels}×${shape.rows}×${shape.columns}`);
  }
  const data = bank.weights.data.slice();
  data.set(flat, kernel * plane);
  return { weights: new Tensor(bank.weights.shape, data), bias: bank.bias };
}

import { type Tensor, tensor } from '@convbook/core';
import type { CellValue } from '../cell-value';
import type { CellKind, ComputeContext } from './define-cell-kind';

/** Runs one kind's compute directly, params validated as the runtime does, without a notebook. */
export async function runKind(
  kind: CellKind,
  params: Record<string, unknown>,
  inputs: Record<string, CellValue> = {},
): Promise<CellValue> {
  const parsed = kind.parseParams(params, 'params');
  if ('problems' in parsed) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  const problem = kind.validateInputs(inputs, parsed.params);
  if (problem !== undefined) throw new Error(problem);
  const context: ComputeContext = {
    cellId: 'x',
    signal: new AbortController().signal,
    progress: () => {},
    graph: { cell: () => undefined, value: () => undefined },
  };
  return kind.compute(inputs, parsed.params, context);
}

export const tensorValue = (values: number[][] | number[][][]): CellValue => {
  const t = tensor(values);
  return { type: 'tensor', tensor: t.rank === 2 ? t.reshape([1, ...t.shape]) : t };
};

export function tensorOf(value: CellValue): Tensor {
  if (value.type === 'tensor') return value.tensor;
  if (value.type === 'kernel') return value.weights;
  throw new Error(`expected a tensor or kernel value, got ${value.type}`);
}

/** Rounds to 5 decimals so float32 results compare with hand-worked decimals. */
export const rounded = (t: Tensor): unknown =>
  tensor(
    Array.from(t.data, (v) => Math.round(v * 1e5) / 1e5),
    t.shape,
  ).toArray();

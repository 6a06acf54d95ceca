import { Tensor } from '@convbook/core';
import type { CellValue } from '../src/cell-value';
import { num } from '../src/document/param-schema';
import { type CellKind, defineCellKind } from '../src/kinds/define-cell-kind';

/**
 * Two bench-only cell kinds whose compute is as cheap as the `x => x + 1` definitions given to Observable,
 * so the bench measures the runtimes and not the work inside the cells. A number travels as a `loss`
 * value: the one existing value type that carries a plain JavaScript number (the maps stay empty).
 */
const EMPTY = new Tensor([0]);

const numberValue = (n: number): CellValue => ({ type: 'loss', loss: n, errorMap: EMPTY, gradient: EMPTY });

function numberOf(value: CellValue | undefined): number {
  if (value?.type !== 'loss') throw new Error(`bench cell expected a number, got ${value?.type}`);
  return value.loss;
}

/** The edited head of each graph: its `value` parameter. */
export const benchSourceCell = defineCellKind({
  kind: 'bench-source',
  label: 'Bench source',
  description: 'A number set by a parameter.',
  inputs: {},
  params: { value: num() },
  output: 'loss',
  compute: (_inputs, { value }) => numberValue(value),
});

/** a + 1 on the chain; (a + b) / 2 + 1 on the lattice, so every cell of layer k holds head + k exactly. */
export const benchStepCell = defineCellKind({
  kind: 'bench-step',
  label: 'Bench step',
  description: 'One more than its input, or than the mean of its two inputs.',
  inputs: { a: 'loss', b: { accepts: ['loss'], optional: true } },
  params: {},
  output: 'loss',
  compute: ({ a, b }) => numberValue(b === undefined ? numberOf(a) + 1 : (numberOf(a) + numberOf(b)) / 2 + 1),
});

const benchKinds = new Map<string, CellKind>([
  [benchSourceCell.kind, benchSourceCell],
  [benchStepCell.kind, benchStepCell],
]);

export const findBenchKind = (kind: string): CellKind | undefined => benchKinds.get(kind);

import type { ParallelConv } from '@convbook/core';
import type { CellValue } from '../cell-value';
import type { CellSpec } from '../document/notebook-document';
import { type CellKind, type KindComputeSpec, withCompute } from './kind-compute';
import { defineKindSchema, type InputSlots, type KindSchemaSpec, type ParamFields } from './kind-schema';

/**
 * A cell kind is data (inputs, parameter schema, output type) plus one compute function. The registered
 * kinds keep the two apart — `defineKindSchema` in each `*-schema.ts`, `withCompute` in each `*-cell.ts` —
 * so the page can read every schema without loading any compute. `defineCellKind` writes both at once,
 * for kinds that only exist in tests and benchmarks.
 */

export type { CellKind, KindComputeSpec } from './kind-compute';
export type {
  CellKindSchema,
  InputSlot,
  InputsOf,
  NormalizedSlot,
  RunsOn,
  ValueOf,
  ValueType,
} from './kind-schema';

/** Read-only access to the cells upstream of the one computing (all computed before it in this pass). */
export interface GraphView {
  /** The spec of the computing cell itself or of an upstream cell; undefined for any other id. */
  cell(id: string): CellSpec | undefined;
  /** The current value of an upstream cell, or undefined when it is not upstream or has none. */
  value(id: string): CellValue | undefined;
}

export interface ComputeContext {
  readonly cellId: string;
  /** Aborted when an edit makes this computation stale; long computations should check it. */
  readonly signal: AbortSignal;
  /** Reports progress (published as a pending state); `partial` lets the UI draw work in progress. */
  progress(done: number, total: number, partial?: CellValue): void;
  readonly graph: GraphView;
  /**
   * Other cores, when the host has them (a pool of Web Workers in the browser, worker threads in the
   * runner). A kind asks `splits` first and stays synchronous on one thread when the answer is no.
   */
  readonly parallel?: ParallelConv | undefined;
  /**
   * For a kind that runs on demand: the value its last run produced (so "Resume" continues from the
   * learned weights); undefined for the first run, after a reset, and for kinds that run on every change.
   */
  readonly previous?: CellValue | undefined;
  /**
   * For a kind that runs on every change: this cell's last compute, if it succeeded and nothing but a
   * compute of the same kind has happened to the cell since. A kind may copy from its value what an edit
   * cannot have changed (a conv recomputes only the kernels that differ) — the result must be exactly
   * what computing afresh gives. Its params may differ from the ones given now: compare them.
   */
  readonly lastCompute?: LastCompute | undefined;
}

/**
 * What one successful compute of a cell was given and returned. The scheduler keeps one per cell and
 * drops it as soon as the cell is evaluated again, so a cell that fails (or is removed) holds no old
 * tensors: at rest these are the very values the cell and its inputs publish.
 */
export interface LastCompute<
  I = Readonly<Record<string, CellValue | undefined>>,
  P = Readonly<Record<string, unknown>>,
> {
  readonly inputs: I;
  readonly params: P;
  readonly value: CellValue;
}

/** A kind's schema and compute in one spec (see the comment at the top). */
export type CellKindSpec<K extends string, I extends InputSlots, P extends ParamFields> = KindSchemaSpec<
  K,
  I,
  P
> &
  KindComputeSpec<I, P>;

export function defineCellKind<
  const K extends string,
  const I extends InputSlots,
  const P extends ParamFields,
>(spec: CellKindSpec<K, I, P>): CellKind<K> {
  return withCompute(defineKindSchema(spec), spec);
}

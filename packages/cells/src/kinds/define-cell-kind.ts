import type { ParallelConv } from '@convbook/core';
import type { CellValue } from '../cell-value';
import type { DocumentProblem } from '../document/document-error';
import type { CellSpec } from '../document/notebook-document';
import { INVALID, type ObjectOf, object, type Schema } from '../document/param-schema';

/**
 * A cell kind is data (inputs, parameter schema, output type) plus one compute function. The parser, the
 * runtime, the runner and the UI editors all read the same definition from the registry.
 */

export type ValueType = CellValue['type'];
export type ValueOf<T extends ValueType> = Extract<CellValue, { type: T }>;

/** A slot accepts one value type (`'tensor'`), or several, and may be optional. */
export type InputSlot =
  | ValueType
  | { readonly accepts: readonly ValueType[]; readonly optional?: boolean; readonly label?: string };

type SlotValue<S> = S extends ValueType
  ? ValueOf<S>
  : S extends { readonly accepts: readonly (infer T extends ValueType)[]; readonly optional: true }
    ? ValueOf<T> | undefined
    : S extends { readonly accepts: readonly (infer T extends ValueType)[] }
      ? ValueOf<T>
      : never;

export type InputsOf<I extends Readonly<Record<string, InputSlot>>> = {
  readonly [K in keyof I]: SlotValue<I[K]>;
};
type ParamFields = Readonly<Record<string, Schema<unknown>>>;

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
}

/**
 * When the scheduler computes a cell: on every change upstream or of its own params (the default), or only
 * when asked (`Notebook.run`), for long work such as training that must not restart on every edit.
 */
export type RunsOn = 'change' | 'demand';

export interface CellKindSpec<I extends Readonly<Record<string, InputSlot>>, P extends ParamFields> {
  readonly kind: string;
  readonly label: string;
  readonly description: string;
  readonly inputs: I;
  readonly params: P;
  readonly output: ValueType;
  /** `'demand'`: computed only when run (see RunsOn); `'change'` when left out. */
  readonly runsOn?: RunsOn;
  /** Starting params of a cell added from the UI, chosen so it computes something sensible at once. */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /**
   * A kind whose compute takes milliseconds where others take microseconds (it replays a whole chain):
   * the browser starts it one task after the rest of the pass, so quick maps are painted first.
   */
  readonly slow?: boolean;
  /**
   * Params that name another cell (a grad cell's `kernelCell`), with the value type that cell must have:
   * dependencies beyond the wired inputs, which a new cell is pointed at like its inputs are.
   */
  readonly cellParams?: Readonly<Record<string, ValueType>>;
  /** Cross-field checks after each field passed its schema; paths are relative to `params`. */
  readonly validateParams?: (params: ObjectOf<P>) => readonly DocumentProblem[];
  /** Cross-input checks (shapes that must agree); returns a message for the cell's error, or nothing. */
  readonly validateInputs?: (inputs: InputsOf<I>, params: ObjectOf<P>) => string | undefined;
  /**
   * Bytes the output will hold, from shapes alone, so the notebook's memory budget is checked before
   * compute allocates it. Kinds without one are checked against the budget once they have computed.
   */
  readonly estimateBytes?: (inputs: InputsOf<I>, params: ObjectOf<P>) => number;
  readonly compute: (
    inputs: InputsOf<I>,
    params: ObjectOf<P>,
    context: ComputeContext,
  ) => CellValue | Promise<CellValue>;
}

export interface NormalizedSlot {
  readonly accepts: readonly ValueType[];
  readonly optional: boolean;
  readonly label?: string | undefined;
}

type Inputs = Readonly<Record<string, CellValue | undefined>>;
type Params = Readonly<Record<string, unknown>>;

/** The type-erased form the registry and runtime hold. */
export interface CellKind {
  readonly kind: string;
  readonly label: string;
  readonly description: string;
  readonly inputs: Readonly<Record<string, NormalizedSlot>>;
  readonly paramFields: ParamFields;
  readonly output: ValueType;
  readonly runsOn: RunsOn;
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly slow: boolean;
  readonly cellParams: Readonly<Record<string, ValueType>>;
  /** Validates raw params (as written in a document) into filled-in params, or returns every problem. */
  parseParams(raw: unknown, path: string): { params: Params } | { problems: readonly DocumentProblem[] };
  validateInputs(inputs: Inputs, params: Params): string | undefined;
  estimateBytes?(inputs: Inputs, params: Params): number;
  compute(inputs: Inputs, params: Params, context: ComputeContext): CellValue | Promise<CellValue>;
}

export function defineCellKind<
  const I extends Readonly<Record<string, InputSlot>>,
  const P extends ParamFields,
>(spec: CellKindSpec<I, P>): CellKind {
  const schema = object(spec.params, 'parameter');
  const inputs: Record<string, NormalizedSlot> = {};
  for (const [name, slot] of Object.entries(spec.inputs)) {
    inputs[name] =
      typeof slot === 'string'
        ? { accepts: [slot], optional: false }
        : { accepts: slot.accepts, optional: slot.optional ?? false, label: slot.label };
  }
  // The runtime only calls these with params from parseParams and inputs whose types matched the slots.
  type TypedInputs = InputsOf<I>;
  type TypedParams = ObjectOf<P>;
  const { estimateBytes } = spec;
  return {
    kind: spec.kind,
    label: spec.label,
    description: spec.description,
    inputs,
    paramFields: spec.params,
    output: spec.output,
    runsOn: spec.runsOn ?? 'change',
    defaults: spec.defaults ?? {},
    slow: spec.slow ?? false,
    cellParams: spec.cellParams ?? {},
    parseParams(raw, path) {
      const problems: DocumentProblem[] = [];
      const parsed = schema.check(raw ?? {}, path, problems);
      if (parsed === INVALID || problems.length > 0) return { problems };
      const extra = spec.validateParams?.(parsed) ?? [];
      if (extra.length > 0) {
        return {
          problems: extra.map((p) => ({
            path: p.path === '' ? path : `${path}.${p.path}`,
            message: p.message,
          })),
        };
      }
      return { params: parsed };
    },
    validateInputs: (values, params) => spec.validateInputs?.(values as TypedInputs, params as TypedParams),
    ...(estimateBytes === undefined
      ? {}
      : {
          estimateBytes: (values: Inputs, params: Params) =>
            estimateBytes(values as TypedInputs, params as TypedParams),
        }),
    compute: (values, params, context) => spec.compute(values as TypedInputs, params as TypedParams, context),
  };
}

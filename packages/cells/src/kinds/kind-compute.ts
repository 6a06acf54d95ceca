import type { CellValue } from '../cell-value';
import type { ObjectOf } from '../document/param-schema';
import type { ComputeContext, LastCompute } from './define-cell-kind';
import type { CellKindSchema, InputSlots, InputsOf, KindSchema, ParamFields } from './kind-schema';

/**
 * The half of a cell kind that runs it: checks on the input values, the memory estimate and the compute.
 * Only the worker and the runner import these modules (through registry.ts); the page works with the
 * schemas alone (kind-schema.ts, schema-registry.ts).
 */
export interface KindComputeSpec<I extends InputSlots, P extends ParamFields> {
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
    context: KindContext<I, P>,
  ) => CellValue | Promise<CellValue>;
}

/** The context as a kind sees it: its last compute typed by its own inputs and params. */
export type KindContext<I extends InputSlots, P extends ParamFields> = Omit<ComputeContext, 'lastCompute'> & {
  readonly lastCompute?: LastCompute<InputsOf<I>, ObjectOf<P>> | undefined;
};

type Inputs = Readonly<Record<string, CellValue | undefined>>;
type Params = Readonly<Record<string, unknown>>;

/** A kind that can run: its schema and its compute, type-erased as the registry and runtime hold it. */
export interface CellKind<K extends string = string> extends CellKindSchema<K> {
  /** The schema this kind was built from (the one the page validates with). */
  readonly schema: CellKindSchema<K>;
  validateInputs(inputs: Inputs, params: Params): string | undefined;
  estimateBytes?(inputs: Inputs, params: Params): number;
  compute(inputs: Inputs, params: Params, context: ComputeContext): CellValue | Promise<CellValue>;
}

/** Pairs a kind's schema with its compute; the compute is typed by the schema's declared inputs and params. */
export function withCompute<K extends string, I extends InputSlots, P extends ParamFields>(
  schema: KindSchema<K, I, P>,
  spec: KindComputeSpec<I, P>,
): CellKind<K> {
  // The runtime only calls these with params from parseParams and inputs whose types matched the slots.
  type TypedInputs = InputsOf<I>;
  type TypedParams = ObjectOf<P>;
  // The scheduler hands a kind only a last compute of that same kind.
  type TypedContext = KindContext<I, P>;
  const { estimateBytes } = spec;
  return {
    ...schema,
    schema,
    validateInputs: (values, params) => spec.validateInputs?.(values as TypedInputs, params as TypedParams),
    ...(estimateBytes === undefined
      ? {}
      : {
          estimateBytes: (values: Inputs, params: Params) =>
            estimateBytes(values as TypedInputs, params as TypedParams),
        }),
    compute: (values, params, context) =>
      spec.compute(values as TypedInputs, params as TypedParams, context as TypedContext),
  };
}

import type { CellValue } from '../cell-value';
import type { DocumentProblem } from '../document/document-error';
import { INVALID, type ObjectOf, object, type Schema } from '../document/param-schema';

/**
 * The half of a cell kind that describes it — its inputs, parameter schema, output type, defaults and
 * labels — without its compute. This is what the page needs to validate a document, build editors and
 * wire new cells; the compute (define-cell-kind.ts) is paired with it only where cells run (the worker,
 * the runner), so the page's bundle does not carry the math.
 */

export type ValueType = CellValue['type'];
export type ValueOf<T extends ValueType> = Extract<CellValue, { type: T }>;

/** A slot accepts one value type (`'tensor'`), or several, and may be optional. */
export type InputSlot =
  | ValueType
  | {
      readonly accepts: readonly ValueType[];
      readonly optional?: boolean | undefined;
      readonly label?: string | undefined;
    };

type SlotValue<S> = S extends ValueType
  ? ValueOf<S>
  : S extends { readonly accepts: readonly (infer T extends ValueType)[]; readonly optional: true }
    ? ValueOf<T> | undefined
    : S extends { readonly accepts: readonly (infer T extends ValueType)[] }
      ? ValueOf<T>
      : never;

export type InputSlots = Readonly<Record<string, InputSlot>>;
export type InputsOf<I extends InputSlots> = {
  readonly [K in keyof I]: SlotValue<I[K]>;
};
export type ParamFields = Readonly<Record<string, Schema<unknown>>>;

/**
 * When the scheduler computes a cell: on every change upstream or of its own params (the default), or only
 * when asked (`Notebook.run`), for long work such as training that must not restart on every edit.
 */
export type RunsOn = 'change' | 'demand';

export interface KindSchemaSpec<K extends string, I extends InputSlots, P extends ParamFields> {
  readonly kind: K;
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
}

export interface NormalizedSlot {
  readonly accepts: readonly ValueType[];
  readonly optional: boolean;
  readonly label?: string | undefined;
}

/** The type-erased description the schema registry, the parser and the UI hold. */
export interface CellKindSchema<K extends string = string> {
  readonly kind: K;
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
  parseParams(
    raw: unknown,
    path: string,
  ): { params: Readonly<Record<string, unknown>> } | { problems: readonly DocumentProblem[] };
}

/** Where a schema keeps its declared input and param types, so its compute is typed against them. */
declare const declaredTypes: unique symbol;

/** A schema that still knows its declared types (what `withCompute` needs to type the compute). */
export interface KindSchema<K extends string, I extends InputSlots, P extends ParamFields>
  extends CellKindSchema<K> {
  readonly [declaredTypes]?: { readonly inputs: I; readonly params: P };
}

export function defineKindSchema<
  const K extends string,
  const I extends InputSlots,
  const P extends ParamFields,
>(spec: KindSchemaSpec<K, I, P>): KindSchema<K, I, P> {
  const schema = object(spec.params, 'parameter');
  return {
    kind: spec.kind,
    label: spec.label,
    description: spec.description,
    inputs: normalizeSlots(spec.inputs),
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
      if (extra.length === 0) return { params: parsed };
      const at = (p: DocumentProblem) => (p.path === '' ? path : `${path}.${p.path}`);
      return { problems: extra.map((p) => ({ path: at(p), message: p.message })) };
    },
  };
}

function normalizeSlots(slots: InputSlots): Record<string, NormalizedSlot> {
  const inputs: Record<string, NormalizedSlot> = {};
  for (const [name, slot] of Object.entries(slots)) {
    inputs[name] =
      typeof slot === 'string'
        ? { accepts: [slot], optional: false }
        : { accepts: slot.accepts, optional: slot.optional ?? false, label: slot.label };
  }
  return inputs;
}

import type { CellValue } from '../cell-value';
import { formatProblem } from '../document/document-error';
import type { CellSpec } from '../document/notebook-document';
import type { CellKind, NormalizedSlot } from '../kinds/define-cell-kind';
import type { CellError, CellState } from './cell-state';
import type { NotebookGraph } from './graph';
import { describeSource, describeValueTypes } from './value-names';

// A cell's call, prepared from the graph and its inputs' states before the scheduler runs it.

export type Prepared =
  | { readonly state: CellState }
  | {
      readonly kind: CellKind;
      readonly inputs: Record<string, CellValue | undefined>;
      readonly params: Readonly<Record<string, unknown>>;
    };

/** A call ready to run: its kind, inputs and checked params. */
export type Call = Extract<Prepared, { kind: CellKind }>;

/** What preparing reads: the graph, the states so far, the kinds, and params already checked per cell. */
export interface CallSources {
  readonly graph: NotebookGraph;
  readonly states: ReadonlyMap<string, CellState>;
  readonly findKind: (kind: string) => CellKind | undefined;
  /** Parsed params by cell spec: a spec is immutable, so its params are checked once. */
  readonly checkedParams: WeakMap<CellSpec, Readonly<Record<string, unknown>>>;
}

/**
 * Everything that can fail before a cell computes: an unknown kind, a cycle, its parameters, and inputs
 * missing, failed or of the wrong type. Gives the call to make, or the state the cell takes instead.
 */
export function prepareCall(cell: CellSpec | undefined, version: number, from: CallSources): Prepared {
  const kind = cell === undefined ? undefined : from.findKind(cell.kind);
  if (cell === undefined || kind === undefined)
    return failed(version, { message: `unknown kind "${cell?.kind}"` });
  const cycle = from.graph.cycleOf(cell.id);
  if (cycle !== undefined) return failed(version, { message: cycle.message });

  let params = from.checkedParams.get(cell);
  if (params === undefined) {
    const parsed = kind.parseParams(cell.params ?? {}, `cells[${from.graph.positions.get(cell.id)}].params`);
    if ('problems' in parsed) {
      const message = parsed.problems.map(formatProblem).join('; ');
      return failed(version, { message, path: parsed.problems[0]?.path });
    }
    for (const slot of Object.keys(cell.inputs ?? {})) {
      if (!Object.hasOwn(kind.inputs, slot))
        return failed(version, { message: `unknown input slot "${slot}"` });
    }
    params = parsed.params;
    from.checkedParams.set(cell, params);
  }
  const inputs: Record<string, CellValue | undefined> = {};
  for (const [slot, spec] of slotsOf(kind)) {
    const source = cell.inputs?.[slot];
    if (source === undefined) {
      if (spec.optional) continue;
      return failed(version, { message: `input "${slot}" is not connected` });
    }
    const sourceCell = from.graph.cells.get(source);
    if (sourceCell === undefined)
      return failed(version, { message: `input "${slot}" refers to missing cell "${source}"` });
    const state = from.states.get(source);
    if (state === undefined || state.status === 'pending') return { state: { status: 'pending', version } };
    if (state.status === 'idle') {
      return failed(version, { message: `input "${slot}" has no value yet: run cell "${source}" first` });
    }
    if (state.status === 'error') {
      const upstream = state.error.upstream ?? source;
      return failed(version, { message: `upstream error in ${upstream}`, upstream });
    }
    if (!spec.accepts.includes(state.value.type)) {
      const got = describeSource(sourceCell.kind, state.value.type);
      return failed(version, {
        message: `input "${slot}" expects ${describeValueTypes(spec.accepts)}, got ${got} (cell "${source}")`,
      });
    }
    inputs[slot] = state.value;
  }
  try {
    const problem = kind.validateInputs(inputs, params);
    if (problem !== undefined) return failed(version, { message: problem });
  } catch (error) {
    return failed(version, { message: messageOf(error) });
  }
  return { kind, inputs, params };
}

const slotLists = new WeakMap<CellKind, readonly (readonly [string, NormalizedSlot])[]>();

/** A kind's input slots as a list, made once per kind rather than once per cell per pass. */
function slotsOf(kind: CellKind): readonly (readonly [string, NormalizedSlot])[] {
  let slots = slotLists.get(kind);
  if (slots === undefined) {
    slots = Object.entries(kind.inputs);
    slotLists.set(kind, slots);
  }
  return slots;
}

function failed(version: number, error: CellError): Prepared {
  return { state: { status: 'error', version, error } };
}

/** An error's message, for a cell's error state (a thrown non-Error is shown as text). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

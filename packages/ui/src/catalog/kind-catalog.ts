import type { CellKind } from '@convbook/cells';
import { controlsFromSchema } from './controls-from-schema';
import type { KindInfo } from './value-types';

/**
 * The registry's kinds as plain data for the page. Runs in the worker (which has the registry); the result
 * is structured-cloneable, so the page learns every kind's slots and controls without bundling compute code.
 */
export function describeKinds(kinds: readonly CellKind[]): KindInfo[] {
  return kinds.map((kind) => ({
    kind: kind.kind,
    label: kind.label,
    description: kind.description,
    inputs: Object.fromEntries(
      Object.entries(kind.inputs).map(([slot, info]) => [
        slot,
        { accepts: [...info.accepts], optional: info.optional, ...(info.label ? { label: info.label } : {}) },
      ]),
    ),
    output: kind.output,
    runsOn: kind.runsOn,
    defaults: structuredClone(kind.defaults),
    cellParams: { ...kind.cellParams },
    controls: controlsFromSchema(kind.paramFields),
  }));
}

import type { CellKindSchema } from '@convbook/cells';
import { controlsFromSchema } from './controls-from-schema';
import type { KindInfo } from './value-types';

/**
 * The kinds' schemas as plain, structured-cloneable data for the page: every kind's slots, defaults and
 * controls. Only schemas are read, so this runs anywhere (the worker sends it to the page).
 */
export function describeKinds(kinds: readonly CellKindSchema[]): KindInfo[] {
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

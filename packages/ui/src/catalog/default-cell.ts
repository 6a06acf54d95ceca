import type { CellSpec } from '@convbook/cells';
import { accepts, type KindInfo, type ValueType } from './value-types';

interface ExistingCell {
  readonly id: string;
  readonly kind: string;
}

/**
 * A new cell of `kind` to insert at `index`: a fresh id (`conv2` when `conv1` exists), default params, and
 * each input slot wired to the nearest compatible cell above the insertion point — so "add conv" after an
 * image and a kernel computes straight away. Slots with no compatible cell stay unwired (the cell says so).
 */
export function newCellSpec(
  kind: KindInfo,
  cells: readonly ExistingCell[],
  kinds: ReadonlyMap<string, KindInfo>,
  index: number,
): CellSpec {
  const above = cells.slice(0, index).reverse();
  const outputOf = (cell: ExistingCell): ValueType | undefined => kinds.get(cell.kind)?.output;
  const used = new Set<string>();
  const inputs: Record<string, string> = {};
  for (const [slot, type] of Object.entries(kind.inputs)) {
    const source = above.find((cell) => {
      const output = outputOf(cell);
      return output !== undefined && output !== 'note' && accepts(type, output) && !used.has(cell.id);
    });
    if (source) {
      inputs[slot] = source.id;
      used.add(source.id);
    }
  }
  // The kind's own defaults, and each param that names a cell pointed at the nearest fitting one above.
  const params: Record<string, unknown> = structuredClone({ ...(kind.defaults ?? {}) });
  for (const [param, type] of Object.entries(kind.cellParams ?? {})) {
    const named = above.find((cell) => outputOf(cell) === type);
    if (named) params[param] = named.id;
  }
  return {
    id: freshId(kind.kind, cells),
    kind: kind.kind,
    ...(Object.keys(inputs).length > 0 ? { inputs } : {}),
    ...(Object.keys(params).length > 0 ? { params } : {}),
  };
}

/** `kind` followed by the smallest number from `from` not taken: conv1, conv2, ... */
export function freshId(kind: string, cells: readonly { readonly id: string }[], from = 1): string {
  const taken = new Set(cells.map((cell) => cell.id));
  let n = from;
  while (taken.has(`${kind}${n}`)) n++;
  return `${kind}${n}`;
}

/** A copy of `cell` with a fresh id and the same inputs and params, titled "… (copy)". */
export function duplicateCellSpec(cell: CellSpec, cells: readonly { readonly id: string }[]): CellSpec {
  const [, base = cell.kind, number] = /^(.*?)(\d*)$/.exec(cell.id) ?? [];
  return {
    ...structuredClone(cell),
    id: freshId(base || cell.kind, cells, number ? Number(number) + 1 : 1),
    ...(cell.title ? { title: `${cell.title} (copy)` } : {}),
  };
}

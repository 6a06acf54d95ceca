import type { CellSpec } from '@convbook/cells';

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

import type { FullyConnectedRow, StatsRow, StatsValue } from '@convbook/cells';

/**
 * The columns of the stats tables, as data: a heading that says what the number counts, and how to read it
 * from a layer row, the fully connected comparison and the totals. A column whose numbers are all zero
 * (no average pool, so no scalings) is left out rather than shown as a wall of zeros.
 */
type Countable = Pick<
  StatsRow,
  'units' | 'weights' | 'connections' | 'paddingConnections' | 'forward' | 'backward'
>;

export interface CountColumn {
  readonly heading: string;
  readonly read: (row: Countable) => number;
  readonly total: (value: StatsValue) => number;
  /** Shown even when every number is zero: the column makes a point (pooling has no multiply-adds). */
  readonly always?: boolean;
}

export const sizeColumns: readonly CountColumn[] = [
  { heading: 'Units', read: (r) => r.units, total: (v) => v.totals.units, always: true },
  { heading: 'Weights', read: (r) => r.weights, total: (v) => v.totals.weights, always: true },
  { heading: 'Connections', read: (r) => r.connections, total: (v) => v.totals.connections, always: true },
  {
    heading: 'of them on zero padding',
    read: (r) => r.paddingConnections,
    total: (v) => v.totals.paddingConnections,
    always: true,
  },
];

export const workColumns: readonly CountColumn[] = [
  {
    heading: 'Forward multiply-adds',
    read: (r) => r.forward.multiplyAdds,
    total: (v) => v.totals.forward.multiplyAdds,
    always: true,
  },
  {
    heading: 'Forward comparisons',
    read: (r) => r.forward.comparisons,
    total: (v) => v.totals.forward.comparisons,
    always: true,
  },
  {
    heading: 'Forward additions',
    read: (r) => r.forward.additions,
    total: (v) => v.totals.forward.additions,
    always: true,
  },
  {
    heading: 'Forward scalings',
    read: (r) => r.forward.multiplications,
    total: (v) => v.totals.forward.multiplications,
  },
  {
    heading: 'Backward multiply-adds',
    read: (r) => r.backward.multiplyAdds,
    total: (v) => v.totals.backward.multiplyAdds,
    always: true,
  },
  {
    heading: 'Backward additions',
    read: (r) => r.backward.additions,
    total: (v) => v.totals.backward.additions,
    always: true,
  },
  {
    heading: 'Backward scalings',
    read: (r) => r.backward.multiplications,
    total: (v) => v.totals.backward.multiplications,
  },
];

/** The columns worth showing for this value: every `always` one, and the others where some row is non-zero. */
export function shownColumns(columns: readonly CountColumn[], value: StatsValue): CountColumn[] {
  const rows: Countable[] = [...value.layers, value.fullyConnected];
  return columns.filter((c) => c.always === true || rows.some((r) => c.read(r) !== 0));
}

/** "576 → 144 units", for the fully connected row's label. */
export function describeFullyConnected(row: FullyConnectedRow): string {
  return `${row.inUnits} → ${row.units} units`;
}

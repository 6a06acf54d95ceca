import type { StatsRow, StatsValue } from '@convbook/cells';

/**
 * Where a network keeps its weights and where it does its work: the share of the weights, connections and
 * forward multiply-adds held by each group of layers. In a classic CNN the fully connected layers hold most
 * weights (there weights = connections) while the conv layers make most connections. A conv layer whose
 * kernel covers its whole unpadded input (LeNet-5's C5: one output position) uses each weight once, so it
 * is counted with the fully connected layers, as the weights-versus-connections argument needs.
 */
export type ShareGroup = 'conv' | 'pool' | 'fully-connected';

export interface GroupShare {
  readonly group: ShareGroup;
  readonly layers: number;
  /** Of `layers`, conv layers counted as fully connected because they have one output position. */
  readonly wholeInputConvs: number;
  readonly weights: number;
  readonly connections: number;
  readonly multiplyAdds: number;
}

const ORDER: readonly ShareGroup[] = ['conv', 'pool', 'fully-connected'];

/** A conv with a single output position and no padding: every weight meets exactly one input. */
function isWholeInputConv(row: StatsRow): boolean {
  const [, h = 1, w = 1] = row.outputShape;
  return row.kind === 'conv' && h * w === 1 && row.paddingConnections === 0;
}

export function groupOf(row: StatsRow): ShareGroup {
  if (row.kind === 'dense' || isWholeInputConv(row)) return 'fully-connected';
  return row.kind;
}

/** One entry per group present, in the order conv, pool, fully connected; counts, not yet fractions. */
export function groupShares(value: StatsValue): GroupShare[] {
  return ORDER.flatMap((group) => {
    const rows = value.layers.filter((row) => groupOf(row) === group);
    if (rows.length === 0) return [];
    const sum = (read: (row: StatsRow) => number) => rows.reduce((s, row) => s + read(row), 0);
    return [
      {
        group,
        layers: rows.length,
        wholeInputConvs: rows.filter(isWholeInputConv).length,
        weights: sum((r) => r.weights),
        connections: sum((r) => r.connections),
        multiplyAdds: sum((r) => r.forward.multiplyAdds),
      },
    ];
  });
}

/** A share as people read it: "57 %"; one decimal below 1 % and from 99.5 %, so a sliver never reads as none or all. */
export function formatShare(part: number, whole: number): string {
  if (whole === 0 || part === 0) return '0 %';
  const percent = (100 * part) / whole;
  if (percent >= 99.5 && part !== whole) return `${Math.min(99.9, Math.round(percent * 10) / 10)} %`;
  if (percent < 1) return `${Math.max(0.1, Math.round(percent * 10) / 10)} %`;
  return `${Math.round(percent)} %`;
}

import type { StatsValue } from '@convbook/cells';
import { describe, expect, it } from 'vitest';
import { formatShare, groupShares } from './stats-shares';

const ops = (multiplyAdds: number) => ({ multiplyAdds, comparisons: 0, additions: 0, multiplications: 0 });

/** Rows shaped like the digits network's: only the fields the shares read matter. */
type Row = [string, 'conv' | 'pool' | 'dense', number, number, number[]?];

function statsWith(rows: Row[]): StatsValue {
  return {
    layers: rows.map(([cellId, kind, weights, connections, outputShape = [1, 4, 4]]) => ({
      cellId,
      kind,
      weights,
      connections,
      outputShape,
      paddingConnections: 0,
      forward: ops(kind === 'pool' ? 0 : connections),
    })),
  } as unknown as StatsValue;
}

describe('group shares', () => {
  it('sums weights, connections and multiply-adds per kind, conv first, kinds absent left out', () => {
    const value = statsWith([
      ['c1', 'conv', 208, 156_800],
      ['p1', 'pool', 0, 6_272],
      ['c2', 'conv', 3_216, 627_200],
      ['p2', 'pool', 0, 2_304],
      ['d', 'dense', 2_570, 2_560],
    ]);
    const common = { wholeInputConvs: 0 };
    expect(groupShares(value)).toEqual([
      { group: 'conv', layers: 2, ...common, weights: 3_424, connections: 784_000, multiplyAdds: 784_000 },
      { group: 'pool', layers: 2, ...common, weights: 0, connections: 8_576, multiplyAdds: 0 },
      {
        group: 'fully-connected',
        layers: 1,
        ...common,
        weights: 2_570,
        connections: 2_560,
        multiplyAdds: 2_560,
      },
    ]);
    expect(groupShares(statsWith([['c', 'conv', 10, 90]])).map((s) => s.group)).toEqual(['conv']);
  });

  it("counts a conv with one output position as fully connected (LeNet-5's C5): each weight is used once", () => {
    const value = statsWith([
      ['c3', 'conv', 2_416, 240_000, [16, 10, 10]],
      ['c5', 'conv', 48_120, 48_000, [120, 1, 1]],
      ['f6', 'dense', 10_164, 10_080, [84, 1, 1]],
    ]);
    expect(groupShares(value).map((s) => [s.group, s.layers, s.wholeInputConvs, s.weights])).toEqual([
      ['conv', 1, 0, 2_416],
      ['fully-connected', 2, 1, 58_284],
    ]);
  });

  it('reads shares as whole percents, with a decimal near 0 % and 100 % so a sliver never reads as none or all', () => {
    expect(formatShare(3_424, 5_994)).toBe('57 %');
    expect(formatShare(784_000, 786_560)).toBe('99.7 %');
    expect(formatShare(999_999, 1e6)).toBe('99.9 %');
    expect(formatShare(2_560, 786_560)).toBe('0.3 %');
    expect(formatShare(5, 5)).toBe('100 %');
    expect(formatShare(0, 5)).toBe('0 %');
    expect(formatShare(1, 1e6)).toBe('0.1 %');
  });
});

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatsValue } from '@convbook/cells';
import { beforeAll, describe, expect, it } from 'vitest';
import { examplesDir, runExample } from './example-values';
import { rowOf } from './network-note-claims';

/**
 * examples/lenet5.json's stats cell against the numbers LeCun, Bottou, Bengio and Haffner publish for
 * LeNet-5 (1998, section II-B), read through `convbook run --values`. The paper counts each unit's bias
 * (and each subsampling map's trained bias) as one more connection, so its connection figure is ours plus
 * one per unit; its C3 wires 60 of the 96 map pairs where this notebook wires all of them, and its S2/S4
 * train a gain and a bias per map where this notebook's average pools train nothing.
 */
const PAPER = {
  C1: { parameters: 156, connections: 122_304 },
  S2: { parameters: 12, connections: 5_880 },
  C3: { parameters: 1_516, connections: 151_600 },
  S4: { parameters: 32, connections: 2_000 },
  C5: { connections: 48_120 },
  F6: { parameters: 10_164 },
};

describe('LeNet-5, counted by a stats cell', () => {
  let stats: StatsValue;
  let withoutBiases: StatsValue;
  beforeAll(async () => {
    const text = await readFile(join(examplesDir, 'lenet5.json'), 'utf8');
    const document = JSON.parse(text) as { cells: { id: string; params?: Record<string, unknown> }[] };
    const statsCell = document.cells.find((c) => c.id === 'stats');
    if (statsCell === undefined) throw new Error('lenet5.json has no stats cell');
    statsCell.params = { ...statsCell.params, countBias: false };
    const variant = join(await mkdtemp(join(tmpdir(), 'lenet5-')), 'lenet5-no-bias.json');
    await writeFile(variant, JSON.stringify(document));
    const [asShipped, variantValues] = await Promise.all([
      runExample('lenet5'),
      runExample('lenet5', variant),
    ]);
    [stats, withoutBiases] = await Promise.all([asShipped.stats('stats'), variantValues.stats('stats')]);
  }, 60_000);

  const paperConnections = (cellId: string) => rowOf(stats, cellId).connections + rowOf(stats, cellId).units;

  it('has the published maps: 6@28×28, 6@14×14, 16@10×10, 16@5×5, 120, 84, 10', () => {
    expect(stats.layers.map((l) => l.outputShape)).toEqual([
      [6, 28, 28],
      [6, 14, 14],
      [16, 10, 10],
      [16, 5, 5],
      [120, 1, 1],
      [84, 1, 1],
      [10, 1, 1],
    ]);
  });

  it("C1, C5 and F6 match the paper's parameters and connections", () => {
    expect(rowOf(stats, 'c1').weights).toBe(PAPER.C1.parameters);
    expect(paperConnections('c1')).toBe(PAPER.C1.connections);
    expect(paperConnections('c5')).toBe(PAPER.C5.connections);
    expect(rowOf(stats, 'c5').weights).toBe(PAPER.C5.connections);
    expect(rowOf(stats, 'f6').weights).toBe(PAPER.F6.parameters);
    expect(rowOf(stats, 'f6').connections + 84).toBe(PAPER.F6.parameters);
  });

  it('S2 and S4 make the paper’s connections; their plain pools train none of its 2 numbers per map', () => {
    expect(paperConnections('s2')).toBe(PAPER.S2.connections);
    expect(paperConnections('s4')).toBe(PAPER.S4.connections);
    expect(rowOf(stats, 's2').weights + 2 * 6).toBe(PAPER.S2.parameters);
    expect(rowOf(stats, 's4').weights + 2 * 16).toBe(PAPER.S4.parameters);
  });

  it('C3 scales the paper’s figures from its 60 wired map pairs to all 96', () => {
    const c3 = rowOf(stats, 'c3');
    const perPair = (PAPER.C3.parameters - 16) / 60;
    expect(c3.weights).toBe(96 * perPair + 16);
    // The paper's connections are its parameters used at each of the 10×10 positions.
    expect(PAPER.C3.connections).toBe(100 * PAPER.C3.parameters);
    expect(c3.connections + c3.units).toBe(100 * c3.weights);
  });

  it('most weights sit where weights = connections (C5, F6, output), most connections in C1 and C3', () => {
    const weightsOf = (ids: string[]) => ids.reduce((s, id) => s + rowOf(stats, id).weights, 0);
    const connectionsOf = (ids: string[]) => ids.reduce((s, id) => s + rowOf(stats, id).connections, 0);
    expect(weightsOf(['c5', 'f6', 'output']) / stats.totals.weights).toBeGreaterThan(0.95);
    expect(weightsOf(['c1', 'c3']) / stats.totals.weights).toBeLessThan(0.05);
    expect(connectionsOf(['c1', 'c3']) / stats.totals.connections).toBeGreaterThan(0.84);
  });

  it('Count biases off: F6 and the output have exactly one weight per connection (the paper’s output has 840)', () => {
    const f6 = rowOf(withoutBiases, 'f6');
    const out = rowOf(withoutBiases, 'output');
    expect([f6.weights, f6.connections]).toEqual([84 * 120, 84 * 120]);
    expect([out.weights, out.connections]).toEqual([840, 840]);
    // Each layer loses one bias per map or unit; connections do not change.
    expect(stats.totals.weights - withoutBiases.totals.weights).toBe(6 + 16 + 120 + 84 + 10);
    expect(withoutBiases.totals.connections).toBe(stats.totals.connections);
  });
});

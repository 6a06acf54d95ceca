import { describe, expect, it } from 'vitest';
import { stackStats } from './layer-arithmetic';
import { LENET5_INPUT, LENET5_LAYERS } from './lenet5';

/**
 * LeNet-5's sizes against the paper (LeCun et al. 1998, section II-B). The paper counts a unit's bias as
 * one more connection, so its connection figure is ours plus one per unit of a layer with biases.
 */
describe('LeNet-5 sizes', () => {
  const stats = stackStats(
    LENET5_INPUT,
    LENET5_LAYERS.map((l) => l.spec),
  );
  const row = (name: string) => {
    const index = LENET5_LAYERS.findIndex((l) => l.name === name);
    const found = stats.layers[index];
    if (found === undefined) throw new Error(`no layer ${name}`);
    return found;
  };
  const withBiasConnections = (name: string) => row(name).connections + row(name).units;

  it('has the published shapes: 6@28×28, 6@14×14, 16@10×10, 16@5×5, 120, 84, 10', () => {
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

  it('C1: 156 trainable parameters and 122,304 connections', () => {
    expect(row('C1').weights).toBe(156);
    expect(withBiasConnections('C1')).toBe(122_304);
  });

  it('S2 and S4: 5,880 and 2,000 connections; the paper trains 2 numbers per map, a plain pool none', () => {
    expect(withBiasConnections('S2')).toBe(5_880);
    expect(withBiasConnections('S4')).toBe(2_000);
    expect(row('S2').weights + 2 * 6).toBe(12);
    expect(row('S4').weights + 2 * 16).toBe(32);
  });

  it('C3: fully wired 2,416 weights; the paper wires 60 of 96 map pairs for 1,516 and 151,600', () => {
    expect(row('C3').weights).toBe(16 * 6 * 25 + 16);
    const paperWeights = 60 * 25 + 16;
    expect(paperWeights).toBe(1_516);
    expect((row('C3').units / 16) * paperWeights).toBe(151_600);
  });

  it('C5: 48,120 connections, equal to its weights; F6: 10,164 trainable parameters', () => {
    expect(withBiasConnections('C5')).toBe(48_120);
    expect(row('C5').weights).toBe(48_120);
    expect(row('F6').weights).toBe(10_164);
  });

  it('most weights sit in the layers where weights = connections, most connections in the conv layers', () => {
    const denseLike = ['C5', 'F6', 'Output'].reduce((s, n) => s + row(n).weights, 0);
    expect(denseLike / stats.totals.weights).toBeGreaterThan(0.9);
    const convs = ['C1', 'C3'].reduce((s, n) => s + row(n).connections, 0);
    expect(convs / stats.totals.connections).toBeGreaterThan(0.8);
    const convUnits = ['C1', 'S2', 'C3', 'S4'].reduce((s, n) => s + row(n).units, 0);
    expect(convUnits / stats.totals.units).toBeGreaterThan(0.9);
  });
});

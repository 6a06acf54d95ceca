import { describe, expect, it } from 'vitest';
import { chainStats } from './layer-chain-stats';

describe('chainStats', () => {
  it('counts 3 weights and 9 connections for a 3-tap kernel over 5 inputs (no bias)', () => {
    const stats = chainStats(
      [1, 1, 5],
      [{ cellId: 'c', spec: { kind: 'conv', inChannels: 1, outChannels: 1, kernel: [1, 3], bias: false } }],
      false,
    );
    expect(stats.layers[0]).toMatchObject({
      cellId: 'c',
      outputShape: [1, 1, 3],
      units: 3,
      weights: 3,
      connections: 9,
    });
    // Fully connected, 5 inputs to 3 outputs, biases not counted: 15 connections, each its own weight.
    expect(stats.fullyConnected).toMatchObject({ inUnits: 5, units: 3, weights: 15, connections: 15 });
  });

  it("counts the fully connected layer's biases when the chain counts its own", () => {
    const stats = chainStats(
      [1, 1, 5],
      [{ cellId: 'c', spec: { kind: 'conv', inChannels: 1, outChannels: 1, kernel: [1, 3] } }],
    );
    expect(stats.fullyConnected).toMatchObject({ weights: 18, connections: 15 });
  });

  it('gives a pool layer connections but no weights', () => {
    const stats = chainStats([1, 4, 4], [{ cellId: 'p', spec: { kind: 'pool', size: 2 } }]);
    expect(stats.layers[0]).toMatchObject({ weights: 0, units: 4, connections: 16 });
    expect(stats.layers[0]?.forward.multiplyAdds).toBe(0);
  });

  it('grows the receptive field through conv 3×3 → pool 2 → conv 3×3 to 8×8 with jump 2', () => {
    const conv = { kind: 'conv', inChannels: 1, outChannels: 1, kernel: [3, 3] } as const;
    const stats = chainStats(
      [1, 16, 16],
      [
        { cellId: 'c1', spec: conv },
        { cellId: 'p', spec: { kind: 'pool', size: 2 } },
        { cellId: 'c2', spec: conv },
      ],
    );
    expect(stats.layers.map((l) => l.receptiveField)).toEqual([
      { size: [3, 3], jump: [1, 1] },
      { size: [4, 4], jump: [2, 2] },
      { size: [8, 8], jump: [2, 2] },
    ]);
    expect(stats.totals.weights).toBe(20);
  });

  it('gives a dense layer after a conv the whole image as its receptive field', () => {
    const stats = chainStats(
      [1, 8, 8],
      [
        { cellId: 'c', spec: { kind: 'conv', inChannels: 1, outChannels: 2, kernel: 3 } },
        { cellId: 'd', spec: { kind: 'dense', outUnits: 4 } },
      ],
    );
    expect(stats.layers[1]).toMatchObject({ weights: 2 * 36 * 4 + 4, outputShape: [4, 1, 1] });
    expect(stats.layers[1]?.receptiveField.size).toEqual([8, 8]);
  });
});

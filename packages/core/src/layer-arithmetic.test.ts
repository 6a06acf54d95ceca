import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullyConnectedStats, layerStats, stackStats } from './layer-arithmetic';

describe('layerStats', () => {
  it('the notes: 3 weights over 5 inputs, valid → 3 outputs and 9 connections', () => {
    const stats = layerStats([1, 1, 5], {
      kind: 'conv',
      inChannels: 1,
      outChannels: 1,
      kernel: [1, 3],
      bias: false,
    });
    expect(stats.outputShape).toEqual([1, 1, 3]);
    expect(stats.units).toBe(3);
    expect(stats.weights).toBe(3);
    expect(stats.connections).toBe(9);
    expect(stats.multiplyAddsForward).toBe(9);
    expect(stats.multiplyAddsBackward).toBe(18);
    expect(stats.memoryInference).toBe(8);
  });

  it('a 3×3 kernel with bias has 10 weights', () => {
    expect(
      layerStats([1, 6, 6], { kind: 'conv', inChannels: 1, outChannels: 1, kernel: [3, 3] }).weights,
    ).toBe(10);
  });

  it('3→16 channels, 3×3 same, on 32×32', () => {
    const stats = layerStats([3, 32, 32], {
      kind: 'conv',
      inChannels: 3,
      outChannels: 16,
      kernel: [3, 3],
      padding: 'same',
    });
    expect(stats.outputShape).toEqual([16, 32, 32]);
    expect(stats.weights).toBe(16 * 27 + 16);
    expect(stats.units).toBe(16_384);
    expect(stats.connections).toBe(16_384 * 27);
  });

  it('stride, dilation and full padding change the output size', () => {
    const conv = { kind: 'conv', inChannels: 1, outChannels: 2, kernel: [3, 3] } as const;
    expect(layerStats([1, 7, 7], { ...conv, stride: 2 }).outputShape).toEqual([2, 3, 3]);
    expect(layerStats([1, 7, 7], { ...conv, dilation: 2 }).outputShape).toEqual([2, 3, 3]);
    expect(layerStats([1, 4, 4], { ...conv, padding: 'full' }).outputShape).toEqual([2, 6, 6]);
    expect(layerStats([1, 5, 5], { ...conv, stride: 2, padding: 'same' }).outputShape).toEqual([2, 3, 3]);
  });

  it('pooling has connections but no weights', () => {
    const stats = layerStats([4, 6, 6], { kind: 'pool', size: 2 });
    expect(stats.outputShape).toEqual([4, 3, 3]);
    expect(stats.weights).toBe(0);
    expect(stats.connections).toBe(36 * 4);
  });

  it('overlapping pool windows with an explicit stride', () => {
    expect(layerStats([1, 5, 5], { kind: 'pool', size: 3, stride: 2 }).outputShape).toEqual([1, 2, 2]);
  });

  it('rejects a kernel larger than the padded input, in numbers', () => {
    expect(() =>
      layerStats([1, 4, 4], { kind: 'conv', inChannels: 1, outChannels: 1, kernel: [5, 5] }),
    ).toThrow('layerStats(conv): kernel is 5×5 but the padded input is 4×4');
    expect(() =>
      layerStats([1, 4, 4], { kind: 'conv', inChannels: 1, outChannels: 1, kernel: [3, 3], dilation: 2 }),
    ).toThrow('layerStats(conv): kernel is 5×5 but the padded input is 4×4');
  });

  it('rejects a channel mismatch', () => {
    expect(() =>
      layerStats([3, 8, 8], { kind: 'conv', inChannels: 1, outChannels: 1, kernel: [3, 3] }),
    ).toThrow('layerStats(conv): layer expects 1 input channels but the input 3×8×8 has 3');
  });
});

describe('stackStats', () => {
  it('sums a conv + pool stack; inference memory is the largest live pair', () => {
    const stats = stackStats(
      [1, 8, 8],
      [
        { kind: 'conv', inChannels: 1, outChannels: 4, kernel: [3, 3] },
        { kind: 'pool', size: 2 },
      ],
    );
    expect(stats.layers.map((l) => l.outputShape)).toEqual([
      [4, 6, 6],
      [4, 3, 3],
    ]);
    expect(stats.outputShape).toEqual([4, 3, 3]);
    expect(stats.totals.units).toBe(144 + 36);
    expect(stats.totals.weights).toBe(4 * 9 + 4);
    expect(stats.totals.connections).toBe(144 * 9 + 36 * 4);
    expect(stats.totals.memoryTraining).toBe(64 + 144 + 36);
    expect(stats.totals.memoryInference).toBe(64 + 144);
  });

  it('an empty stack passes the input through', () => {
    const stats = stackStats([2, 3, 3], []);
    expect(stats.outputShape).toEqual([2, 3, 3]);
    expect(stats.totals.memoryInference).toBe(18);
  });
});

describe('fullyConnectedStats', () => {
  it('weights equal connections (plus one bias per output)', () => {
    expect(fullyConnectedStats(100, 10)).toMatchObject({ connections: 1000, weights: 1010 });
    expect(fullyConnectedStats(100, 10, false)).toMatchObject({ connections: 1000, weights: 1000 });
  });
});

describe('layerStats against brute-force enumeration', () => {
  const runs = Number(process.env.FUZZ_RUNS ?? 200);

  /** Window placements along one padded axis, found by trying every start position. */
  function placements(padded: number, span: number, stride: number): number {
    let count = 0;
    for (let start = 0; start + span <= padded; start += stride) count++;
    return count;
  }

  it('output size and connections match counting every window placement', () => {
    fc.assert(
      fc.property(
        fc.record({
          c: fc.integer({ min: 1, max: 3 }),
          o: fc.integer({ min: 1, max: 3 }),
          h: fc.integer({ min: 1, max: 12 }),
          w: fc.integer({ min: 1, max: 12 }),
          kh: fc.integer({ min: 1, max: 4 }),
          kw: fc.integer({ min: 1, max: 4 }),
          stride: fc.integer({ min: 1, max: 3 }),
          dilation: fc.integer({ min: 1, max: 2 }),
          pad: fc.integer({ min: 0, max: 2 }),
        }),
        ({ c, o, h, w, kh, kw, stride, dilation, pad }) => {
          const spanH = (kh - 1) * dilation + 1;
          const spanW = (kw - 1) * dilation + 1;
          const outH = placements(h + 2 * pad, spanH, stride);
          const outW = placements(w + 2 * pad, spanW, stride);
          const layer = {
            kind: 'conv',
            inChannels: c,
            outChannels: o,
            kernel: [kh, kw],
            stride,
            dilation,
            padding: pad,
          } as const;
          if (outH === 0 || outW === 0) {
            expect(() => layerStats([c, h, w], layer)).toThrow('kernel is');
            return;
          }
          const stats = layerStats([c, h, w], layer);
          expect(stats.outputShape).toEqual([o, outH, outW]);
          // every placement, every output channel, every tap of the C×kh×kw kernel
          expect(stats.connections).toBe(outH * outW * o * c * kh * kw);
          expect(stats.weights).toBe(o * c * kh * kw + o);
        },
      ),
      { numRuns: runs, seed: 7 },
    );
  });

  it("'same' at stride 1 keeps the size and 'full' grows it by span − 1", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        (n, k, d) => {
          const conv = { kind: 'conv', inChannels: 1, outChannels: 1, kernel: [k, k], dilation: d } as const;
          expect(layerStats([1, n, n], { ...conv, padding: 'same' }).outputShape).toEqual([1, n, n]);
          const span = (k - 1) * d + 1;
          expect(layerStats([1, n, n], { ...conv, padding: 'full' }).outputShape).toEqual([
            1,
            n + span - 1,
            n + span - 1,
          ]);
        },
      ),
      { numRuns: runs, seed: 8 },
    );
  });
});

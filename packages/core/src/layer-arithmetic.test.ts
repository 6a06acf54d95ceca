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
    expect(stats.paddingConnections).toBe(0);
    expect(stats.forward).toEqual({ multiplyAdds: 9, comparisons: 0, additions: 0, multiplications: 0 });
    expect(stats.backward.multiplyAdds).toBe(18);
    expect(stats.memoryKept).toBe(3);
    expect(stats.memoryLive).toBe(8);
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

  it('pooling has connections but no weights and no multiply-adds', () => {
    const stats = layerStats([4, 6, 6], { kind: 'pool', size: 2 });
    expect(stats.outputShape).toEqual([4, 3, 3]);
    expect(stats.weights).toBe(0);
    expect(stats.connections).toBe(36 * 4);
    // 36 windows of 4: a max of 4 numbers takes 3 comparisons; backward adds each gradient to one winner.
    expect(stats.forward).toEqual({ multiplyAdds: 0, comparisons: 36 * 3, additions: 0, multiplications: 0 });
    expect(stats.backward).toEqual({ multiplyAdds: 0, comparisons: 0, additions: 36, multiplications: 0 });
  });

  it('average pooling adds and scales: 3 additions and 1 scaling per 2×2 window', () => {
    const stats = layerStats([1, 4, 4], { kind: 'pool', op: 'avg', size: 2 });
    expect(stats.forward).toEqual({ multiplyAdds: 0, comparisons: 0, additions: 12, multiplications: 4 });
    // Backward: one scaling per output gradient, then its share is added to each of the 4 inputs.
    expect(stats.backward).toEqual({ multiplyAdds: 0, comparisons: 0, additions: 16, multiplications: 4 });
  });

  it("a 'same' 3×3 conv on 24×24 makes 5,184 connections, 284 of them on the zero border", () => {
    const stats = layerStats([1, 24, 24], {
      kind: 'conv',
      inChannels: 1,
      outChannels: 1,
      kernel: 3,
      padding: 'same',
    });
    expect(stats.connections).toBe(576 * 9);
    // Per axis the 24 placements × 3 taps = 72 miss the border twice: 70 real taps; 70² = 4,900 real.
    expect(stats.paddingConnections).toBe(576 * 9 - 70 * 70);
  });

  it('a 2×2 kernel with same padding pads one side only: 24 + 24 − 1 taps on padding', () => {
    const stats = layerStats([1, 4, 4], {
      kind: 'conv',
      inChannels: 1,
      outChannels: 1,
      kernel: 2,
      padding: 'same',
    });
    expect(stats.connections).toBe(16 * 4);
    // Real taps per axis: 4 placements × 2 taps − 1 past the end = 7, so 49 real of 64.
    expect(stats.paddingConnections).toBe(64 - 49);
  });

  it('a dense layer: weights = connections + biases, output [out, 1, 1]', () => {
    const stats = layerStats([16, 5, 5], { kind: 'dense', outUnits: 120 });
    expect(stats.outputShape).toEqual([120, 1, 1]);
    expect(stats.connections).toBe(400 * 120);
    expect(stats.weights).toBe(400 * 120 + 120);
    expect(stats.forward.multiplyAdds).toBe(48_000);
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
  it('sums a conv + pool stack; training memory adds up row by row, inference is the largest live pair', () => {
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
    expect(stats.totals.forward.multiplyAdds).toBe(144 * 9);
    expect(stats.totals.forward.comparisons).toBe(36 * 3);
    expect(stats.layers.map((l) => l.memoryKept)).toEqual([144, 36]);
    expect(stats.inputUnits + 144 + 36).toBe(stats.totals.memoryTraining);
    expect(stats.totals.memoryTraining).toBe(64 + 144 + 36);
    expect(stats.layers.map((l) => l.memoryLive)).toEqual([64 + 144, 144 + 36]);
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
    expect(fullyConnectedStats(100, 10).forward.multiplyAdds).toBe(1000);
  });
});

describe('layerStats against brute-force enumeration', () => {
  const runs = Number(process.env.FUZZ_RUNS ?? 200);

  /** Visits every tap of every placement of one kernel plane and counts those outside the image. */
  function tapsOnPadding(
    h: number,
    w: number,
    outH: number,
    outW: number,
    l: { kernel: readonly [number, number]; stride: number; dilation: number; padding: number },
  ): number {
    let count = 0;
    for (let oy = 0; oy < outH; oy++)
      for (let ox = 0; ox < outW; ox++)
        for (let ky = 0; ky < l.kernel[0]; ky++)
          for (let kx = 0; kx < l.kernel[1]; kx++) {
            const y = oy * l.stride - l.padding + ky * l.dilation;
            const x = ox * l.stride - l.padding + kx * l.dilation;
            if (y < 0 || y >= h || x < 0 || x >= w) count++;
          }
    return count;
  }

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
          expect(stats.paddingConnections).toBe(o * c * tapsOnPadding(h, w, outH, outW, layer));
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

import { beforeAll, describe, expect, it } from 'vitest';
import { getKernels, setKernels } from './backend/active-kernels';
import { referenceKernels } from './backend/reference-kernels';
import {
  type DivergingColours,
  divergingWords,
  grayWords,
  type PixelSampling,
  planeRanges,
} from './map-pixels';
import { ready } from './ready';

// The obvious formulas, one pixel at a time in JS (cells' render/colormap.ts computes the same), packed
// as RGBA bytes in memory order: the WASM words must equal them for every value, specials included.
const word = (r: number, g: number, b: number): number =>
  new Uint32Array(Uint8Array.of(r, g, b, 255).buffer)[0] as number;
const NAN: [number, number, number] = [255, 0, 255];
const COLOURS: DivergingColours = {
  zero: [247, 247, 247],
  negative: [33, 102, 172],
  positive: [178, 24, 43],
  nan: NAN,
};

function grayReference(v: number, min: number, max: number): number {
  if (Number.isNaN(v)) return word(...NAN);
  const level = Math.round(255 * Math.max(0, Math.min(1, (v - min) / (max - min))));
  return word(level, level, level);
}

function divergingReference(v: number, maxAbs: number): number {
  if (Number.isNaN(v)) return word(...NAN);
  const t = Math.max(-1, Math.min(1, v / maxAbs));
  const end = t < 0 ? COLOURS.negative : COLOURS.positive;
  const mix = (c: 0 | 1 | 2) => Math.round(COLOURS.zero[c] + (end[c] - COLOURS.zero[c]) * Math.abs(t));
  return word(mix(0), mix(1), mix(2));
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SPECIALS = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 3e38, -3e38, 1e-45];

function values(length: number, seed: number, scale = 10): Float32Array {
  const next = random(seed);
  return Float32Array.from({ length }, () =>
    next() < 0.08 ? (SPECIALS[Math.floor(next() * SPECIALS.length)] as number) : (next() - 0.45) * scale,
  );
}

const identity = (height: number, width: number): PixelSampling => ({
  rows: Int32Array.from({ length: height }, (_, i) => i),
  columns: Int32Array.from({ length: width }, (_, i) => i),
});

beforeAll(async () => {
  await ready();
  if (getKernels().native === undefined) throw new Error('these tests need the WASM kernels');
});

describe('map pixels in WASM', () => {
  it('colours every value gray exactly as the formula, for whole planes and odd tails', () => {
    for (const [height, width, seed] of [
      [17, 13, 1],
      [64, 64, 2],
      [1, 3, 3],
    ] as const) {
      const data = values(2 * height * width + 5, seed);
      for (const [min, max] of [
        [-4.5, 5.5],
        [0, 1],
        [0.25, 0.2500001],
        [-3e38, 3e38],
      ] as const) {
        const out = new Uint32Array(height * width);
        const offset = height * width + 5; // the second plane, not 4-aligned
        expect(grayWords(data, offset, width, identity(height, width), min, max, NAN, out)).toBe(true);
        for (let i = 0; i < out.length; i++)
          expect(out[i], `value ${data[offset + i]} on [${min}, ${max}]`).toBe(
            grayReference(data[offset + i] as number, min, max),
          );
      }
    }
  });

  it('gives the double-precision level even for values a hair from a half level (the single-precision route)', () => {
    // The WASM loop estimates each level in single precision and redoes in double any four values near a
    // half level; here most values are put on a half level of the scale and nudged by a few float steps,
    // over scales near 0, far from 0, wide and narrow, with NaN and infinities mixed in.
    const next = random(77);
    let checked = 0;
    for (let round = 0; round < 400; round++) {
      const magnitude = 10 ** Math.floor(next() * 12 - 6);
      const offset = next() < 0.5 ? 0 : (next() - 0.5) * magnitude * 10 ** Math.floor(next() * 7);
      const min = Math.fround(offset);
      const max = Math.fround(offset + magnitude * (0.01 + next()));
      if (!(max > min)) continue;
      const data = new Float32Array(1024 + (round % 7));
      const bits = new Int32Array(data.buffer);
      for (let i = 0; i < data.length; i++) {
        const pick = next();
        if (pick < 0.03) data[i] = SPECIALS[Math.floor(next() * SPECIALS.length)] as number;
        else if (pick < 0.85) {
          data[i] = min + ((Math.floor(next() * 256) + 0.5) / 255) * (max - min);
          bits[i] = (bits[i] as number) + Math.floor(next() * 9) - 4;
        } else data[i] = min + (next() * 1.4 - 0.2) * (max - min);
      }
      const out = new Uint32Array(data.length);
      expect(grayWords(data, 0, data.length, identity(1, data.length), min, max, NAN, out)).toBe(true);
      for (let i = 0; i < out.length; i++) {
        const want = grayReference(data[i] as number, min, max);
        if (out[i] !== want)
          expect({ value: data[i], min, max, got: out[i] }).toEqual({ value: data[i], min, max, got: want });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300_000);
  });

  it('gives the double-precision diverging colour even a hair from a half level of any channel', () => {
    const next = random(78);
    let checked = 0;
    for (let round = 0; round < 300; round++) {
      const maxAbs = Math.fround(10 ** (next() * 24 - 12) * (1 + next()));
      const data = new Float32Array(1024 + (round % 5));
      const bits = new Int32Array(data.buffer);
      for (let i = 0; i < data.length; i++) {
        const pick = next();
        if (pick < 0.03) data[i] = SPECIALS[Math.floor(next() * SPECIALS.length)] as number;
        else if (pick < 0.85) {
          // A half level of one channel towards one end: zero + (end − zero)·|t| = k + 0.5.
          const negative = next() < 0.5;
          const end = negative ? COLOURS.negative : COLOURS.positive;
          const c = Math.floor(next() * 3) as 0 | 1 | 2;
          const from = COLOURS.zero[c];
          const step = end[c] - from;
          const levels = Math.abs(step);
          const k = Math.floor(next() * levels);
          const y = step > 0 ? from + k + 0.5 : from - k - 0.5;
          data[i] = (negative ? -1 : 1) * ((y - from) / step) * maxAbs;
          bits[i] = (bits[i] as number) + Math.floor(next() * 9) - 4;
        } else data[i] = (next() * 2.6 - 1.3) * maxAbs;
      }
      const out = new Uint32Array(data.length);
      expect(divergingWords(data, 0, data.length, identity(1, data.length), maxAbs, COLOURS, out)).toBe(true);
      for (let i = 0; i < out.length; i++) {
        const want = divergingReference(data[i] as number, maxAbs);
        if (out[i] !== want)
          expect({ value: data[i], maxAbs, got: out[i] }).toEqual({ value: data[i], maxAbs, got: want });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300_000);
  });

  it('colours diverging exactly as the formula, with the ends clamped', () => {
    const height = 23;
    const width = 31;
    const data = values(height * width, 9, 40);
    for (const maxAbs of [1, 7.25, 19.999, 3e38, 1e-30]) {
      const out = new Uint32Array(height * width);
      expect(divergingWords(data, 0, width, identity(height, width), maxAbs, COLOURS, out)).toBe(true);
      for (let i = 0; i < out.length; i++)
        expect(out[i], `value ${data[i]} at ±${maxAbs}`).toBe(divergingReference(data[i] as number, maxAbs));
    }
  });

  it('reads the sampled rows and columns of a plane shown smaller than it is', () => {
    const height = 40;
    const width = 50;
    const data = values(3 * height * width, 4);
    const sampling = { rows: Int32Array.of(0, 3, 3, 39, 20), columns: Int32Array.of(49, 0, 1, 1, 25, 7, 8) };
    const out = new Uint32Array(35);
    const offset = 2 * height * width;
    expect(grayWords(data, offset, width, sampling, -2, 3, NAN, out)).toBe(true);
    const diverging = new Uint32Array(35);
    expect(divergingWords(data, offset, width, sampling, 2.5, COLOURS, diverging)).toBe(true);
    sampling.rows.forEach((row, y) => {
      sampling.columns.forEach((column, x) => {
        const v = data[offset + row * width + column] as number;
        expect(out[y * 7 + x]).toBe(grayReference(v, -2, 3));
        expect(diverging[y * 7 + x]).toBe(divergingReference(v, 2.5));
      });
    });
  });

  it('leaves flat, infinite and NaN scales to the caller', () => {
    const data = Float32Array.of(1, 2, 3, 4);
    const out = new Uint32Array(4).fill(7);
    const all = identity(1, 4);
    expect(grayWords(data, 0, 4, all, 2, 2, NAN, out)).toBe(false);
    expect(grayWords(data, 0, 4, all, Number.NEGATIVE_INFINITY, 2, NAN, out)).toBe(false);
    expect(grayWords(data, 0, 4, all, Number.NaN, 2, NAN, out)).toBe(false);
    expect(divergingWords(data, 0, 4, all, 0, COLOURS, out)).toBe(false);
    expect(divergingWords(data, 0, 4, all, Number.POSITIVE_INFINITY, COLOURS, out)).toBe(false);
    expect([...out]).toEqual([7, 7, 7, 7]);
  });

  it('finds each plane’s finite min and max and counts NaN and ±∞, as a brute-force pass does', () => {
    for (const [planes, planeSize, seed] of [
      [3, 37, 5],
      [5, 1, 6],
      [2, 4096, 7],
    ] as const) {
      const data = values(planes * planeSize + 3, seed);
      const ranges = planeRanges(data, 3, planes, planeSize);
      const expected = Array.from({ length: planes }, (_, p) => {
        const plane = [...data.subarray(3 + p * planeSize, 3 + (p + 1) * planeSize)];
        const finite = plane.filter(Number.isFinite);
        return {
          min: finite.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY),
          max: finite.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY),
          nonFinite: plane.length - finite.length,
        };
      });
      expect(ranges).toEqual(expected);
    }
    // −0 and +0: the min is −0 and the max +0, whichever comes first.
    const zeros = planeRanges(Float32Array.of(0, -0, 0, -0, -0), 0, 1, 5)?.[0];
    expect(Object.is(zeros?.min, -0) && Object.is(zeros?.max, 0)).toBe(true);
    expect(planeRanges(Float32Array.of(Number.NaN, Number.POSITIVE_INFINITY), 0, 1, 2)).toEqual([
      { min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, nonFinite: 2 },
    ]);
  });

  it('answers nothing with the reference kernels installed', () => {
    const wasm = getKernels();
    setKernels(referenceKernels);
    try {
      expect(planeRanges(Float32Array.of(1, 2), 0, 1, 2)).toBeUndefined();
      expect(grayWords(Float32Array.of(1), 0, 1, identity(1, 1), 0, 1, NAN, new Uint32Array(1))).toBe(false);
    } finally {
      setKernels(wasm);
    }
  });
});

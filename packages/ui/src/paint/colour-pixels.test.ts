import { divergingColour, grayColour } from '@convbook/cells';
import { type ComputeKernels, getKernels, ready, setKernels } from '@convbook/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ColourScale, colourPlane, colourPlaneOnto, roundHalfUp, type Sampling } from './colour-pixels';
import { levelThresholds } from './gray-levels';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SPECIAL = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  0,
  -0,
  1,
  -1,
  3.4e38,
  -3.4e38,
  1e-45,
  -1e-45,
];

/** Float32 values: specials, runs of one value (and of ±0), values across the scale, on and around halves. */
function values(next: () => number, count: number, scale: ColourScale): Float32Array {
  const data = new Float32Array(count);
  const bits = new Int32Array(data.buffer);
  for (let i = 0; i < count; i++) {
    const pick = next();
    if (pick < 0.1) data[i] = SPECIAL[Math.floor(next() * SPECIAL.length)] as number;
    else if (pick < 0.2) data[i] = i > 0 && next() < 0.7 ? (data[i - 1] as number) : next() < 0.5 ? 0 : -0;
    else if (pick < 0.5) {
      // On a half step of the 255 levels (gray) or of the 214-level blue (diverging), then nudged by ulps.
      const half = (Math.floor(next() * 255) + 0.5) / 255;
      const low = scale.kind === 'diverging' ? -scale.max : scale.min;
      data[i] = low + half * (scale.max - low);
      bits[i] = (bits[i] as number) + Math.floor(next() * 5) - 2;
    } else data[i] = (next() * 2.4 - 1.2) * (Math.abs(scale.max) + Math.abs(scale.min) + 1e-3);
  }
  return data;
}

function scales(next: () => number): ColourScale[] {
  const made: ColourScale[] = [
    { kind: 'gray', min: 0, max: 1 },
    { kind: 'gray', min: 0, max: 0 }, // max 0: a flat, all-zero map
    { kind: 'gray', min: 2.5, max: 2.5 }, // flat
    { kind: 'gray', min: -3.4e38, max: 3.4e38 }, // span overflows to ∞
    { kind: 'diverging', min: 0, max: 0 }, // max 0
    { kind: 'diverging', min: -1e-40, max: 1e-40 }, // value / max overflows
    { kind: 'diverging', min: -1, max: 1 },
    { kind: 'gray', min: Math.fround(1e6), max: Math.fround(1e6) + 0.125 }, // narrow, far from 0
    { kind: 'gray', min: -7, max: -2 },
    { kind: 'gray', min: 1e-30, max: 3e-30 },
    { kind: 'gray', min: -1e-44, max: 1e-44 }, // denormal floats
    { kind: 'gray', min: 0, max: 3.4e38 },
  ];
  for (let i = 0; i < 12; i++) {
    const a = (next() - 0.3) * 10 ** Math.floor(next() * 8 - 4);
    const b = a + next() * 10 ** Math.floor(next() * 8 - 4);
    made.push({ kind: 'gray', min: Math.fround(a), max: Math.fround(b) });
    made.push({ kind: 'diverging', min: -Math.fround(Math.abs(b)), max: Math.fround(Math.abs(b)) });
  }
  return made;
}

function reference(value: number, scale: ColourScale): readonly number[] {
  const [r, g, b] =
    scale.kind === 'diverging' ? divergingColour(value, scale.max) : grayColour(value, scale.min, scale.max);
  // What the old painter stored: a Uint8ClampedArray turns a NaN channel into 0.
  return [...Uint8ClampedArray.from([r, g, b, 255])];
}

/**
 * colourPlane's pixels; where colourPlaneOnto applies (WASM, big planes, finite scales) its lent words too,
 * which must be the same.
 */
function painted(data: Float32Array, scale: ColourScale, sampling: Sampling, width: number): Uint8Array {
  const pixels = new Uint32Array(sampling.rows.length * sampling.columns.length);
  colourPlane(pixels, data, 0, width, sampling, scale);
  let lent: Uint32Array | undefined;
  if (colourPlaneOnto((words) => (lent = words.slice()), data, 0, width, sampling, scale))
    expect(lent).toEqual(pixels);
  return new Uint8Array(pixels.buffer);
}

function identity(height: number, width: number): Sampling {
  return {
    rows: Int32Array.from({ length: height }, (_, i) => i),
    columns: Int32Array.from({ length: width }, (_, i) => i),
  };
}

// Every test runs twice: with the JS loops, and with core's WASM SIMD colouring (planes of 1024 pixels
// and more; the 8×8 planes stay in JS on both runs).
describe.each(['JS loops', 'WASM SIMD'])('colourPlane, %s', (path) => {
  let before: ComputeKernels;
  beforeAll(async () => {
    await ready();
    before = getKernels();
    if (before.native === undefined) throw new Error('these tests need the WASM kernels');
    // The JS run hides the WASM module: core's colouring then answers "not here" and the loops run.
    if (path === 'JS loops') setKernels(withoutNative(before));
  });
  afterAll(() => setKernels(before));

  // 64×64 planes take the gray thresholds (gray-levels.ts), 8×8 ones the plain arithmetic: both checked.
  it.each([64, 8])(
    'paints every pixel of %i² planes exactly as divergingColour / grayColour, NaN, ±∞, flat scales included',
    (side) => {
      const next = random(14 + side);
      let checked = 0;
      for (const scale of scales(next)) {
        for (let plane = 0; plane < 4096 / (side * side); plane++) {
          const data = values(next, side * side, scale);
          const rgba = painted(data, scale, identity(side, side), side);
          for (let i = 0; i < data.length; i++) {
            const got = [...rgba.subarray(i * 4, i * 4 + 4)];
            const want = reference(data[i] as number, scale);
            if (got.join() !== want.join())
              expect({ value: data[i], scale, got }).toEqual({ value: data[i], scale, got: want });
            checked++;
          }
        }
      }
      expect(checked).toBe(4096 * 36);
    },
  );

  it('rounds values exactly on a half step up, like Math.round, on both paths', () => {
    const scale: ColourScale = { kind: 'gray', min: 0, max: 255 }; // level = round(value)
    for (const side of [64, 8]) {
      const data = Float32Array.from({ length: side * side }, (_, i) => (i % 512) / 2);
      const rgba = painted(data, scale, identity(side, side), side);
      const reds = [...rgba].filter((_, i) => i % 4 === 0);
      expect(reds).toEqual([...data].map((v) => Math.min(255, Math.round(v))));
    }
  });

  it('paints a value lying exactly on a level threshold, and its neighbours, as the reference', () => {
    const onThresholds: number[] = [];
    for (const scale of [
      { min: 0, max: 255 },
      { min: 0, max: 1 },
      { min: -4, max: 12 },
    ]) {
      const thresholds = levelThresholds(scale.min, scale.max);
      const data = new Float32Array(64 * 64);
      let n = 0;
      for (let level = 1; level < 256; level++) {
        const t = thresholds[level] as number;
        if (Math.fround(t) !== t) continue;
        onThresholds.push(t);
        for (const v of [t, t - Math.abs(t) * 2 ** -23, t + Math.abs(t) * 2 ** -23]) data[n++] = v;
      }
      const gray: ColourScale = { kind: 'gray', ...scale };
      const rgba = painted(data, gray, identity(64, 64), 64);
      const reds = [...rgba].filter((_, i) => i % 4 === 0);
      expect(reds).toEqual([...data].map((v) => reference(v, gray)[0]));
    }
    expect(onThresholds.length).toBeGreaterThan(100);
  });

  it('lends its words straight from WASM memory only for big planes, once WASM has loaded', () => {
    const scale: ColourScale = { kind: 'gray', min: 0, max: 1 };
    let calls = 0;
    const onto = (side: number) =>
      colourPlaneOnto(() => calls++, new Float32Array(side * side), 0, side, identity(side, side), scale);
    expect(onto(8)).toBe(false);
    expect(onto(64)).toBe(path === 'WASM SIMD');
    expect(calls).toBe(path === 'WASM SIMD' ? 1 : 0);
    // A flat scale is left to colourPlane's loops.
    expect(
      colourPlaneOnto(() => calls++, new Float32Array(4096), 0, 64, identity(64, 64), {
        kind: 'gray',
        min: 1,
        max: 1,
      }),
    ).toBe(false);
  });

  it('reads the sampled pixels of the plane at an offset', () => {
    const data = Float32Array.from({ length: 2 * 16 }, (_, i) => i - 16); // plane 2 holds 0..15
    const sampling = { rows: Int32Array.from([1, 3]), columns: Int32Array.from([0, 3]) };
    const pixels = new Uint32Array(4);
    colourPlane(pixels, data, 16, 4, sampling, { kind: 'gray', min: 0, max: 15 });
    const reds = [...new Uint8Array(pixels.buffer)].filter((_, i) => i % 4 === 0);
    expect(reds).toEqual([4, 7, 12, 15].map((v) => Math.round((255 * v) / 15)));
  });
});

function withoutNative(kernels: ComputeKernels): ComputeKernels {
  const { native: _, ...rest } = kernels;
  return rest;
}

describe('roundHalfUp', () => {
  it('agrees with Math.round on halves, their neighbours and NaN', () => {
    const cases = [0.5, 1.5, 2.5, 254.5, 0.49999999999999994, -0.5, -1.5, 1e15 + 0.5, 4503599627370495.5];
    for (let k = 0; k < 256; k++) cases.push(k + 0.5, k + 0.5 - 2 ** -44, k + 0.5 + 2 ** -44, k);
    for (const y of cases) expect(roundHalfUp(y)).toBe(Math.round(y));
    expect(roundHalfUp(Number.NaN)).toBeNaN();
  });
});

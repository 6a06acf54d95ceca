import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyActivationInPlace } from './activations';
import { conv2d } from './conv2d';
import { setFloatStorage } from './float-storage';
import { knownPlaneRanges, mergeRanges, rememberPlaneRanges } from './plane-ranges';
import { pool2d } from './pool2d';
import { ready } from './ready';
import type { Tensor } from './tensor';
import { randomTensor } from './testing/random-tensor';

// Ops that hand a page its maps (outputs in shared storage) record each plane's range as they copy the map
// out of WASM memory. Checked here against a plain loop over the values handed out.

/** Finite min and max and the count of NaN/±∞ of each H·W plane, by brute force. */
function bruteRanges(t: Tensor): { min: number; max: number; nonFinite: number }[] {
  const size = (t.shape.at(-1) ?? 1) * (t.shape.at(-2) ?? 1);
  const ranges = [];
  for (let start = 0; start < t.size; start += size) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let nonFinite = 0;
    for (const v of t.data.subarray(start, start + size)) {
      if (!Number.isFinite(v)) nonFinite++;
      else {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    ranges.push({ min, max, nonFinite });
  }
  return ranges;
}

/** A [3, side, side] picture with a NaN, an ∞ and a −∞ planted in its channels. */
function pictureWithHoles(side = 260): Tensor {
  const x = randomTensor([3, side, side], 7);
  x.data[1000] = Number.NaN;
  x.data[side * side + 5000] = Number.POSITIVE_INFINITY;
  x.data[2 * side * side + 777] = Number.NEGATIVE_INFINITY;
  return x;
}

beforeAll(() => ready());
afterEach(() => setFloatStorage('ordinary'));

describe('plane ranges recorded by the ops that make a map', () => {
  it('conv2d (bias and relu fused) records every plane of a shared output, NaN and ±∞ counted apart', () => {
    setFloatStorage('shared');
    const w = randomTensor([5, 3, 3, 3], 8);
    w.data[0] = 0; // kernel 1 ignores the NaN's corner of channel 1, the others spread it
    const out = conv2d(pictureWithHoles(), w, {
      padding: 'same',
      bias: [0.1, 0, -0.2, 0.3, 0],
      activation: 'relu',
    });
    expect(out.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    const expected = bruteRanges(out);
    expect(expected.some((r) => r.nonFinite > 0)).toBe(true);
    expect(knownPlaneRanges(out.data, 260 * 260)).toEqual(expected);
    // Asked with another plane size (another reading of the same values), nothing is known.
    expect(knownPlaneRanges(out.data, 260)).toBeUndefined();
  });

  it('pool2d records them too', () => {
    setFloatStorage('shared');
    const out = pool2d(pictureWithHoles(400), { kind: 'max', size: 2 });
    const expected = bruteRanges(out);
    expect(expected.map((r) => r.nonFinite)).toEqual([1, 1, 0]); // a max never picks the −∞
    expect(knownPlaneRanges(out.data, 200 * 200)).toEqual(expected);
  });

  it('are not measured for ordinary outputs (nobody is painting them)', () => {
    const out = conv2d(pictureWithHoles(), randomTensor([2, 3, 3, 3], 9), { padding: 'same' });
    expect(out.data.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect(knownPlaneRanges(out.data, 260 * 260)).toBeUndefined();
  });

  it('are only remembered when they cover the values exactly, and merge part by part', () => {
    const data = new Float32Array(8);
    rememberPlaneRanges(data, 4, [{ min: 0, max: 0, nonFinite: 0 }]);
    expect(knownPlaneRanges(data, 4)).toBeUndefined();
    expect(
      mergeRanges({ min: -1, max: 2, nonFinite: 1 }, { min: Number.POSITIVE_INFINITY, max: 5, nonFinite: 2 }),
    ).toEqual({ min: -1, max: 5, nonFinite: 3 });
  });
});

describe('plane ranges and in-place activations', () => {
  it('are forgotten when an activation rewrites the map in place (a sigmoid after the conv)', () => {
    setFloatStorage('shared');
    const out = conv2d(pictureWithHoles(), randomTensor([2, 3, 3, 3], 10), { padding: 'same' });
    expect(knownPlaneRanges(out.data, 260 * 260)).toEqual(bruteRanges(out));
    applyActivationInPlace('sigmoid', out);
    expect(knownPlaneRanges(out.data, 260 * 260)).toBeUndefined();
  });
});

import { grayColour } from '@convbook/cells';

/**
 * The gray map without a division per pixel, and still exact. On a scale min < max (both finite), the gray
 * level `grayColour` gives a value never goes down as the value goes up: each of its steps (a subtraction,
 * a division by the positive span, a clamp, ×255, rounding) is monotone in floating point. So the map is
 * fixed by 255 thresholds: the least number reaching each level 1–255, found by bisection on
 * `grayColour` itself. A pixel's level is then the L with threshold[L] ≤ value < threshold[L + 1]: a cheap
 * guess by multiplication, corrected by comparing with the thresholds on either side (colour-pixels.test.ts
 * checks every pixel against grayColour).
 */

/** threshold[L] for L = 0…256: −∞ below level 1, NaN above 255 (every comparison with NaN is false). */
export type Thresholds = Float64Array;

const cache = new Map<string, Thresholds>();
const CACHED_SCALES = 8;

/** Whether the thresholds apply: a finite, non-empty range (a flat or infinite one takes the plain path). */
export function thresholdsApply(min: number, max: number): boolean {
  return max > min && Number.isFinite(max - min);
}

export function levelThresholds(min: number, max: number): Thresholds {
  const key = `${min}:${max}`;
  const known = cache.get(key);
  if (known) return known;
  const thresholds = new Float64Array(257);
  thresholds[0] = Number.NEGATIVE_INFINITY;
  thresholds[256] = Number.NaN;
  for (let level = 1; level < 256; level++) thresholds[level] = leastReaching(level, min, max);
  if (cache.size >= CACHED_SCALES) cache.delete(cache.keys().next().value as string);
  cache.set(key, thresholds);
  return thresholds;
}

/** The least number whose gray level is at least `level`: bisection until the bounds are adjacent. */
function leastReaching(level: number, min: number, max: number): number {
  const reaches = (value: number) => (grayColour(value, min, max)[0] as number) >= level;
  // grayColour(min) is level 0 and grayColour(max) level 255: `below` never reaches, `above` always does.
  let below = min;
  let above = max;
  for (;;) {
    const middle = below + (above - below) / 2;
    if (middle === below || middle === above) break;
    if (reaches(middle)) above = middle;
    else below = middle;
  }
  // Adjacent by then; checked, not assumed: step down while the number just below still reaches.
  while (reaches(justBelow(above))) above = justBelow(above);
  return above;
}

const word = new Float64Array(1);
const bits = new BigInt64Array(word.buffer);

/** The largest double less than `value` (finite `value`). */
function justBelow(value: number): number {
  if (value === 0) return -Number.MIN_VALUE;
  word[0] = value;
  bits[0] = (bits[0] as bigint) + (value > 0 ? -1n : 1n);
  return word[0] as number;
}

/** The gray level (0–255) of a non-NaN `value`; `perLevel` is 255 / (max − min), for the first guess. */
export function levelOf(value: number, min: number, perLevel: number, thresholds: Thresholds): number {
  const guess = (value - min) * perLevel + 0.5;
  let level = guess >= 255 ? 255 : guess > 0 ? guess | 0 : 0;
  while (value < (thresholds[level] as number)) level--;
  while (value >= (thresholds[level + 1] as number)) level++;
  return level;
}

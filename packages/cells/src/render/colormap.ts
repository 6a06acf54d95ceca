/**
 * Value → colour. Signed maps (gradients, feature maps before ReLU, kernels) use a diverging blue–white–red
 * map symmetric about 0, so "white" always means zero and equal magnitudes get equal saturation. Images use
 * gray. NaN is never a colour of either map: it is painted magenta so it cannot pass for a dark pixel.
 */
export type Rgb = readonly [number, number, number];

export type ScaleKind = 'gray' | 'diverging';

export const NAN_COLOUR: Rgb = [255, 0, 255];

const NEGATIVE: Rgb = [33, 102, 172];
const ZERO: Rgb = [247, 247, 247];
const POSITIVE: Rgb = [178, 24, 43];

/** Blue for −maxAbs, white for 0, red for +maxAbs; values beyond are clamped. */
export function divergingColour(value: number, maxAbs: number): Rgb {
  if (Number.isNaN(value)) return NAN_COLOUR;
  const t = maxAbs > 0 ? Math.max(-1, Math.min(1, value / maxAbs)) : 0;
  const end = t < 0 ? NEGATIVE : POSITIVE;
  const amount = Math.abs(t);
  return [mix(ZERO[0], end[0], amount), mix(ZERO[1], end[1], amount), mix(ZERO[2], end[2], amount)];
}

/** Black at `min`, white at `max`, clamped; a flat range (min = max) is mid-gray. */
export function grayColour(value: number, min: number, max: number): Rgb {
  if (Number.isNaN(value)) return NAN_COLOUR;
  const t = max > min ? Math.max(0, Math.min(1, (value - min) / (max - min))) : 0.5;
  const level = Math.round(255 * t);
  return [level, level, level];
}

function mix(from: number, to: number, amount: number): number {
  return Math.round(from + (to - from) * amount);
}

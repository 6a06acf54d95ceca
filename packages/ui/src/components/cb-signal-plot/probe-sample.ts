/**
 * The sample under the pointer, `fraction` of the way across the plot (0 at the left edge, 1 at the
 * right). The first sample sits on the left edge and the last on the right, so the nearest one is a
 * rounding of fraction × (samples − 1); a pointer just outside the plot still names an end sample.
 */
export function probeSample(fraction: number, samples: number): number {
  return Math.max(0, Math.min(samples - 1, Math.round(fraction * (samples - 1))));
}

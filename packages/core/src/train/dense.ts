/**
 * A fully connected (dense) layer on a batch: every output unit has its own weight for every input, so the
 * weights are [units × inputs] and each one is used exactly once per example (weights = connections, unlike
 * a conv layer, whose few weights are reused at every position). Flat row-major buffers, written in place:
 * the training loop calls these with the same buffers at every step.
 */

/** out[b, u] = bias[u] + Σ_i w[u, i] · x[b, i]. `x` is [batch × inputs], `out` is [batch × units]. */
export function denseForward(
  x: Float32Array,
  w: Float32Array,
  bias: Float32Array,
  batch: number,
  inputs: number,
  units: number,
  out: Float32Array,
): void {
  for (let b = 0; b < batch; b++) {
    const xRow = b * inputs;
    for (let u = 0; u < units; u++) {
      const wRow = u * inputs;
      let sum = 0;
      for (let i = 0; i < inputs; i++) sum += (w[wRow + i] ?? 0) * (x[xRow + i] ?? 0);
      out[b * units + u] = sum + (bias[u] ?? 0);
    }
  }
}

/**
 * The backward pass given dL/dout [batch × units]: ADDS Σ_b gradOut[b,u]·x[b,i] to dw [units × inputs] and
 * Σ_b gradOut[b,u] to dbias (the caller zeroes them once per step), and, when `dx` is given, overwrites it
 * with dL/dx[b, i] = Σ_u gradOut[b, u] · w[u, i].
 */
export function denseBackward(
  x: Float32Array,
  w: Float32Array,
  gradOut: Float32Array,
  batch: number,
  inputs: number,
  units: number,
  dw: Float32Array,
  dbias: Float32Array,
  dx: Float32Array | null,
): void {
  for (let b = 0; b < batch; b++) {
    const xRow = b * inputs;
    for (let u = 0; u < units; u++) {
      const g = gradOut[b * units + u] ?? 0;
      dbias[u] = (dbias[u] ?? 0) + g;
      if (g === 0) continue;
      const wRow = u * inputs;
      for (let i = 0; i < inputs; i++) dw[wRow + i] = (dw[wRow + i] ?? 0) + g * (x[xRow + i] ?? 0);
    }
  }
  if (dx === null) return;
  dx.fill(0, 0, batch * inputs);
  for (let b = 0; b < batch; b++) {
    const xRow = b * inputs;
    for (let u = 0; u < units; u++) {
      const g = gradOut[b * units + u] ?? 0;
      if (g === 0) continue;
      const wRow = u * inputs;
      for (let i = 0; i < inputs; i++) dx[xRow + i] = (dx[xRow + i] ?? 0) + g * (w[wRow + i] ?? 0);
    }
  }
}

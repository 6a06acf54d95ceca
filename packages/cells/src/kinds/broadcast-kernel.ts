import { formatShape, ShapeError, Tensor } from '@convbook/core';

/**
 * Fits a kernel bank [O, C, kh, kw] to an input with `channels` channels. A one-channel bank (a typed-in
 * [kh][kw] kernel, a preset, a gaussian) is repeated over every channel, so each output sums the same 2-D
 * filter applied to each input channel. Any other channel mismatch is an error naming both counts.
 */
export function broadcastKernel(weights: Tensor, channels: number): Tensor {
  const [o = 1, c = 1, kh = 1, kw = 1] = weights.shape;
  if (c === channels) return weights;
  if (c !== 1) {
    throw new ShapeError(
      'conv',
      `kernel ${formatShape(weights.shape)} has ${c} channels but the input has ${channels}`,
    );
  }
  const plane = kh * kw;
  const out = new Float32Array(o * channels * plane);
  for (let k = 0; k < o; k++) {
    const source = weights.data.subarray(k * plane, (k + 1) * plane);
    for (let ch = 0; ch < channels; ch++) out.set(source, (k * channels + ch) * plane);
  }
  return new Tensor([o, channels, kh, kw], out);
}

import { chooseScale } from '@convbook/cells';
import type { Tensor } from '@convbook/core';
import type { ZoomPlane } from './cb-map-zoom';

/**
 * The planes to enlarge, cut from the tensors a cell shows: one channel of a map, or a conv's kernel next
 * to the map it makes. Each keeps the colour scale of its whole tensor, as the notebook paints it, so a
 * colour means the same number in the enlargement as on the page.
 */

/** Channel `channel` of a [C, H, W] (or [H, W]) map. */
export function mapPlane(tensor: Tensor, channel: number, label: string): ZoomPlane {
  const [height = 1, width = 1] = tensor.shape.slice(-2);
  const size = height * width;
  return {
    label,
    values: tensor.data.subarray(channel * size, (channel + 1) * size),
    height,
    width,
    scale: chooseScale(tensor.data, 'auto'),
  };
}

/** Kernel `kernel` (input channel `channel`) of a bank [O, C, kh, kw], beside the map it makes. */
export function kernelAndMapPlanes(weights: Tensor, map: Tensor, kernel: number, channel = 0): ZoomPlane[] {
  const [kernels = 1, channels = 1, kh = 1, kw = 1] = weights.shape;
  const start = (kernel * channels + channel) * kh * kw;
  const which = kernels > 1 ? ` ${kernel + 1}` : '';
  const slice = channels > 1 ? `, channel ${channel + 1}` : '';
  return [
    {
      label: `Kernel${which}${slice}`,
      values: weights.data.subarray(start, start + kh * kw),
      height: kh,
      width: kw,
      scale: chooseScale(weights.data, 'diverging'),
    },
    mapPlane(map, kernel, `Feature map${which}`),
  ];
}

/** At most this many kernel slices go into one enlargement (a big bank is paged in its editor instead). */
const MAX_ZOOM_SLICES = 8;

/** The slices of one filter of a bank [O, C, kh, kw] (every channel), on the whole bank's colour scale. */
export function filterPlanes(weights: Tensor, kernel: number): ZoomPlane[] {
  const [kernels = 1, channels = 1, kh = 1, kw = 1] = weights.shape;
  const scale = chooseScale(weights.data, 'diverging');
  const which = kernels > 1 ? ` ${kernel + 1}` : '';
  return Array.from({ length: Math.min(channels, MAX_ZOOM_SLICES) }, (_, channel) => {
    const start = (kernel * channels + channel) * kh * kw;
    return {
      label: `Kernel${which}${channels > 1 ? `, channel ${channel + 1}` : ''}`,
      values: weights.data.subarray(start, start + kh * kw),
      height: kh,
      width: kw,
      scale,
    };
  });
}

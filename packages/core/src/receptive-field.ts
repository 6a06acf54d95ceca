import { effectiveKernel, outputLength, type Padding, type PaddingSpec, resolvePadding } from './output-size';
import { requireInteger, ShapeError } from './shape-errors';

/**
 * Which input pixels an output unit can see. Coordinates are pixel indices of the input image: pixel
 * (0, 0) has its centre at 0, so `start` is the centre of output unit 0 and may be fractional (an even
 * kernel) or negative (padding). Boxes are inclusive on all four sides.
 *
 * This is the theoretical receptive field: it counts padded positions too, so near the border it reaches
 * outside the image. `clipReceptiveBox` cuts it to the image for highlighting.
 */

export interface ReceptiveLayer {
  readonly kernel: number | readonly [number, number];
  readonly stride?: number | readonly [number, number] | undefined;
  readonly dilation?: number | readonly [number, number] | undefined;
  /** Same spec as conv, or just the top/left amounts — the only ones the recurrence uses. */
  readonly padding?: PaddingSpec | TopLeft | undefined;
}

export interface ReceptiveFieldInfo {
  /** Side lengths of the window one unit of this layer sees in the input. */
  readonly size: [number, number];
  /** Distance in input pixels between neighbouring units of this layer. */
  readonly jump: [number, number];
  /** Centre of unit (0, 0) of this layer, in input pixel coordinates. */
  readonly start: [number, number];
}

export interface Box {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

function pair(name: string, value: number | readonly [number, number]): [number, number] {
  const [a, b] = typeof value === 'number' ? [value, value] : value;
  requireInteger('receptiveField', name, a, 1);
  requireInteger('receptiveField', name, b, 1);
  return [a, b];
}

type TopLeft = { readonly top: number; readonly left: number };

function isTopLeft(spec: NonNullable<ReceptiveLayer['padding']>): spec is TopLeft {
  return typeof spec === 'object' && 'top' in spec;
}

/** Bottom/right pads do not move unit 0, so they are taken as 0 (they only matter for output sizes). */
function topLeftPadding({ top, left }: TopLeft): Padding {
  requireInteger('receptiveField', 'padding.top', top, 0);
  requireInteger('receptiveField', 'padding.left', left, 0);
  return { top, left, bottom: 0, right: 0 };
}

/**
 * Receptive field after each layer, by the standard recurrence:
 *   size_l  = size_{l−1} + (k_eff − 1)·jump_{l−1}
 *   jump_l  = jump_{l−1}·stride
 *   start_l = start_{l−1} + ((k_eff − 1)/2 − pad_before)·jump_{l−1}
 * `'same'` padding at a stride above 1 depends on the input size, so pass `inputSize` for such stacks.
 */
export function receptiveField(
  layers: readonly ReceptiveLayer[],
  inputSize?: readonly [number, number],
): ReceptiveFieldInfo[] {
  const out: ReceptiveFieldInfo[] = [];
  let size: [number, number] = [1, 1];
  let jump: [number, number] = [1, 1];
  let start: [number, number] = [0, 0];
  let extent = inputSize === undefined ? undefined : ([...inputSize] as [number, number]);
  for (const [index, layer] of layers.entries()) {
    const kernel = pair('kernel', layer.kernel);
    const stride = pair('stride', layer.stride ?? 1);
    const dilation = pair('dilation', layer.dilation ?? 1);
    const kEff: [number, number] = [
      effectiveKernel(kernel[0], dilation[0]),
      effectiveKernel(kernel[1], dilation[1]),
    ];
    const spec = layer.padding ?? 'valid';
    if (spec === 'same' && extent === undefined && (stride[0] > 1 || stride[1] > 1)) {
      throw new ShapeError(
        'receptiveField',
        `layer ${index}: 'same' padding with stride ${stride.join('×')} needs the input size`,
      );
    }
    // Without an input size only stride-1 'same' gets here, where the pad does not depend on the size.
    const pad = isTopLeft(spec)
      ? topLeftPadding(spec)
      : resolvePadding('receptiveField', spec, extent ?? [1, 1], kEff, stride);
    start = [
      start[0] + ((kEff[0] - 1) / 2 - pad.top) * jump[0],
      start[1] + ((kEff[1] - 1) / 2 - pad.left) * jump[1],
    ];
    size = [size[0] + (kEff[0] - 1) * jump[0], size[1] + (kEff[1] - 1) * jump[1]];
    jump = [jump[0] * stride[0], jump[1] * stride[1]];
    if (extent !== undefined) {
      extent = [
        outputLength(extent[0], kernel[0], stride[0], dilation[0], pad.top, pad.bottom),
        outputLength(extent[1], kernel[1], stride[1], dilation[1], pad.left, pad.right),
      ];
    }
    out.push({ size, jump, start });
  }
  return out;
}

/**
 * The input rectangle seen by unit (y, x) of the last layer, unclipped (it may reach past the image
 * where the layers padded). An empty stack sees exactly pixel (y, x).
 */
export function receptiveFieldBox(layersInfo: readonly ReceptiveFieldInfo[], y: number, x: number): Box {
  const last = layersInfo.at(-1) ?? { size: [1, 1], jump: [1, 1], start: [0, 0] };
  const top = last.start[0] + y * last.jump[0] - (last.size[0] - 1) / 2;
  const left = last.start[1] + x * last.jump[1] - (last.size[1] - 1) / 2;
  return { top, left, bottom: top + last.size[0] - 1, right: left + last.size[1] - 1 };
}

/** Cuts a box to an image of `height × width`; undefined when nothing of it lies inside. */
export function clipReceptiveBox(box: Box, height: number, width: number): Box | undefined {
  const clipped = {
    top: Math.max(box.top, 0),
    left: Math.max(box.left, 0),
    bottom: Math.min(box.bottom, height - 1),
    right: Math.min(box.right, width - 1),
  };
  return clipped.top > clipped.bottom || clipped.left > clipped.right ? undefined : clipped;
}

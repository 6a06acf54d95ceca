import { formatShape, ShapeError } from './shape-errors';

/**
 * How many cells to add around the input: a named rule, one number for all four sides, `[ph, pw]` for
 * symmetric vertical/horizontal pads, or `[top, bottom, left, right]`.
 */
export type Padding =
  | 'valid'
  | 'same'
  | 'full'
  | number
  | readonly [number, number]
  | readonly [number, number, number, number];

/** What the added cells hold: zeros, a mirror without the edge (numpy 'reflect'), the edge, or a wrap. */
export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

export const paddingModes: readonly PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

export interface Pads {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/** A per-axis integer given once for both axes or as `[vertical, horizontal]`. */
export type AxisPair = number | readonly [number, number];

/** The sliding-window options conv and pool share, before normalization. */
export interface WindowOptions {
  readonly stride?: AxisPair | undefined;
  readonly dilation?: AxisPair | undefined;
  readonly padding?: Padding | undefined;
}

/** A window walk with every option resolved to numbers. */
export interface WindowPlan {
  readonly pads: Pads;
  readonly strideY: number;
  readonly strideX: number;
  readonly dilationY: number;
  readonly dilationX: number;
  readonly paddedHeight: number;
  readonly paddedWidth: number;
  readonly outHeight: number;
  readonly outWidth: number;
}

/** The largest padded plane (H × W) conv and pool will allocate: 2^28 cells, 1 GiB of float32. */
const MAX_PADDED_PLANE = 2 ** 28;

/** The kernel's footprint once dilation spreads its taps apart: k̂ = k + (k − 1)(d − 1). */
export function effectiveKernelSize(kernel: number, dilation: number): number {
  return (kernel - 1) * dilation + 1;
}

/** Outputs of a 'valid' walk over an already padded axis: floor((i − k̂) / s) + 1. */
function outputLength(paddedInput: number, effectiveKernel: number, stride: number): number {
  return Math.floor((paddedInput - effectiveKernel) / stride) + 1;
}

/** Throws unless `value` is a finite integer ≥ `min` (NaN and ±Infinity fail the integer test). */
function requireOptionInteger(op: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ShapeError(op, `${name} must be an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

export function resolveAxisPair(
  op: string,
  name: string,
  value: AxisPair | undefined,
  fallback: number,
): [number, number] {
  if (value === undefined) return [fallback, fallback];
  if (typeof value === 'number') {
    const both = requireOptionInteger(op, name, value, 1);
    return [both, both];
  }
  if (!Array.isArray(value) || value.length !== 2) {
    throw new ShapeError(
      op,
      `${name} must be a number or [vertical, horizontal], got ${JSON.stringify(value)}`,
    );
  }
  return [
    requireOptionInteger(op, `${name}[0]`, value[0], 1),
    requireOptionInteger(op, `${name}[1]`, value[1], 1),
  ];
}

/**
 * Turns a padding option into four pads. 'same' aims for ceil(in / stride) outputs and puts the odd extra
 * cell at the bottom/right (TensorFlow's rule, which at stride 1 matches PyTorch); 'full' lets the kernel
 * hang off every edge by all but one tap.
 */
export function resolvePads(
  op: string,
  padding: Padding | undefined,
  input: readonly [number, number],
  effectiveKernel: readonly [number, number],
  stride: readonly [number, number],
): Pads {
  const value = padding ?? 'valid';
  if (value === 'valid') return { top: 0, bottom: 0, left: 0, right: 0 };
  if (value === 'full') {
    const [ky, kx] = effectiveKernel;
    return { top: ky - 1, bottom: ky - 1, left: kx - 1, right: kx - 1 };
  }
  if (value === 'same') {
    const [top, bottom] = samePads(input[0], effectiveKernel[0], stride[0]);
    const [left, right] = samePads(input[1], effectiveKernel[1], stride[1]);
    return { top, bottom, left, right };
  }
  if (typeof value === 'number') {
    const all = requireOptionInteger(op, 'padding', value, 0);
    return { top: all, bottom: all, left: all, right: all };
  }
  if (Array.isArray(value) && value.length === 2) {
    const vertical = requireOptionInteger(op, 'padding[0]', value[0], 0);
    const horizontal = requireOptionInteger(op, 'padding[1]', value[1], 0);
    return { top: vertical, bottom: vertical, left: horizontal, right: horizontal };
  }
  if (Array.isArray(value) && value.length === 4) {
    const [top, bottom, left, right] = ['top', 'bottom', 'left', 'right'].map((side, i) =>
      requireOptionInteger(op, `padding ${side}`, value[i], 0),
    ) as [number, number, number, number];
    return { top, bottom, left, right };
  }
  throw new ShapeError(
    op,
    `padding must be 'valid', 'same', 'full', a number, [ph, pw] or [top, bottom, left, right], got ${JSON.stringify(value)}`,
  );
}

function samePads(input: number, effectiveKernel: number, stride: number): [number, number] {
  const outputs = Math.ceil(input / stride);
  const total = Math.max(0, (outputs - 1) * stride + effectiveKernel - input);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/**
 * Resolves a window walk over an `[H, W]` input and checks the window fits the padded input.
 * `what` names the window in messages ('kernel' for conv, 'window' for pool).
 */
export function planWindow(
  op: string,
  what: 'kernel' | 'window',
  input: readonly [number, number],
  kernel: readonly [number, number],
  options: WindowOptions,
): WindowPlan {
  const [strideY, strideX] = resolveAxisPair(op, 'stride', options.stride, 1);
  const [dilationY, dilationX] = resolveAxisPair(op, 'dilation', options.dilation, 1);
  const effective: [number, number] = [
    effectiveKernelSize(kernel[0], dilationY),
    effectiveKernelSize(kernel[1], dilationX),
  ];
  const pads = resolvePads(op, options.padding, input, effective, [strideY, strideX]);
  const paddedHeight = input[0] + pads.top + pads.bottom;
  const paddedWidth = input[1] + pads.left + pads.right;
  if (paddedHeight * paddedWidth > MAX_PADDED_PLANE) {
    // Refuse before allocating: a padding of 1e9 would otherwise hang or die in a typed-array constructor.
    throw new ShapeError(
      op,
      `the padded input would be ${paddedHeight}×${paddedWidth}, more than ${MAX_PADDED_PLANE} cells per channel`,
    );
  }
  if (effective[0] > paddedHeight || effective[1] > paddedWidth) {
    const dilated = dilationY === 1 && dilationX === 1 ? '' : ` (dilated ${formatShape(effective)})`;
    throw new ShapeError(
      op,
      `${what} is ${formatShape(kernel)}${dilated} but the padded input is ${paddedHeight}×${paddedWidth}`,
    );
  }
  return {
    pads,
    strideY,
    strideX,
    dilationY,
    dilationX,
    paddedHeight,
    paddedWidth,
    outHeight: outputLength(paddedHeight, effective[0], strideY),
    outWidth: outputLength(paddedWidth, effective[1], strideX),
  };
}

export interface OutputSize {
  readonly height: number;
  readonly width: number;
  readonly pads: Pads;
}

/** The arithmetic of a conv2d call without running it: output height/width and the four pads used. */
export function conv2dOutputSize(
  inputHW: readonly [number, number],
  kernelHW: readonly [number, number],
  options: WindowOptions = {},
): OutputSize {
  const plan = planWindow(
    'conv2dOutputSize',
    'kernel',
    checkSize('conv2dOutputSize', 'input', inputHW),
    checkSize('conv2dOutputSize', 'kernel', kernelHW),
    options,
  );
  return { height: plan.outHeight, width: plan.outWidth, pads: plan.pads };
}

/** Checks an `[H, W]` pair of sizes, each an integer ≥ 1. */
export function checkSize(op: string, name: string, size: readonly [number, number]): [number, number] {
  return [
    requireOptionInteger(op, `${name} height`, size[0], 1),
    requireOptionInteger(op, `${name} width`, size[1], 1),
  ];
}

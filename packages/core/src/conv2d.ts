import { getKernels } from './backend/active-kernels';
import type { ConvGeometry } from './backend/kernels';
import {
  type AxisPair,
  type Padding,
  type PaddingMode,
  type Pads,
  paddingModes,
  planWindow,
} from './conv-options';
import { checkPadsForMode, padImage, unpadGradient } from './pad';
import { formatShape, ShapeError } from './shape-errors';
import { Tensor } from './tensor';

export interface Conv2dOptions {
  /** One value per kernel, added after the multiply-adds. */
  readonly bias?: Tensor | readonly number[];
  readonly stride?: AxisPair;
  readonly dilation?: AxisPair;
  readonly padding?: Padding;
  readonly paddingMode?: PaddingMode;
  /** true: mathematical convolution (kernel rotated 180°); false (default): cross-correlation. */
  readonly flip?: boolean;
}

export interface Conv2dGradients {
  /** Same shape as the input `[C, H, W]`. */
  readonly dx: Tensor;
  /** Same shape as the kernel bank `[O, C, kh, kw]`. */
  readonly dw: Tensor;
  /** One per kernel `[O]`. */
  readonly db: Tensor;
}

/** Convolves a `[C, H, W]` image with a `[O, C, kh, kw]` kernel bank, giving `[O, H', W']`. */
export function conv2d(x: Tensor, w: Tensor, options: Conv2dOptions = {}): Tensor {
  const call = prepareConv('conv2d', x, w, options);
  const g = call.geometry;
  const out = new Float32Array(g.outChannels * g.outHeight * g.outWidth);
  getKernels().convForward(call.paddedInput, call.kernel, call.bias, g, out);
  return new Tensor([g.outChannels, g.outHeight, g.outWidth], out);
}

/**
 * Exact gradients of `conv2d(x, w, options)` given the gradient of its output. The kernels work on the
 * padded, possibly flipped problem; this folds their answers back: padded-cell gradients onto the cells
 * they copied, and the flipped kernel's gradient back into the caller's orientation.
 */
export function conv2dBackward(
  x: Tensor,
  w: Tensor,
  gradOut: Tensor,
  options: Conv2dOptions = {},
): Conv2dGradients {
  const call = prepareConv('conv2dBackward', x, w, options);
  const g = call.geometry;
  const expected = [g.outChannels, g.outHeight, g.outWidth];
  if (gradOut.rank !== 3 || gradOut.shape.some((n, axis) => n !== expected[axis])) {
    throw new ShapeError(
      'conv2dBackward',
      `gradOut must be ${formatShape(expected)} (the output's shape) but is ${formatShape(gradOut.shape)}`,
    );
  }
  const kernels = getKernels();
  const dxPadded = new Float32Array(call.paddedInput.length);
  kernels.convBackwardInput(gradOut.data, call.kernel, g, dxPadded);
  const dx = unpadGradient(dxPadded, g.channels, call.inputHeight, call.inputWidth, call.pads, call.mode);

  const dwSeen = new Float32Array(call.kernel.length);
  kernels.convBackwardWeights(call.paddedInput, gradOut.data, g, dwSeen);
  const dw = options.flip === true ? rotateKernels(dwSeen, g) : dwSeen;

  const db = new Float32Array(g.outChannels);
  const mapSize = g.outHeight * g.outWidth;
  for (let o = 0; o < g.outChannels; o++) db[o] = sumRange(gradOut.data, o * mapSize, (o + 1) * mapSize);
  return { dx: new Tensor(x.shape, dx), dw: new Tensor(w.shape, dw), db: new Tensor([g.outChannels], db) };
}

interface PreparedConv {
  readonly geometry: ConvGeometry;
  readonly pads: Pads;
  readonly mode: PaddingMode;
  readonly inputHeight: number;
  readonly inputWidth: number;
  readonly paddedInput: Float32Array;
  /** The weights the kernels slide: rotated 180° when `flip` is set. */
  readonly kernel: Float32Array;
  readonly bias: Float32Array | null;
}

/** Validates a conv call, resolves its options, and builds what the kernels need. */
function prepareConv(op: string, x: Tensor, w: Tensor, options: Conv2dOptions): PreparedConv {
  if (x.rank !== 3) {
    throw new ShapeError(
      op,
      `input must be [C, H, W] (rank 3) but is ${formatShape(x.shape)} (rank ${x.rank})`,
    );
  }
  if (w.rank !== 4) {
    throw new ShapeError(
      op,
      `kernels must be [O, C, kh, kw] (rank 4) but are ${formatShape(w.shape)} (rank ${w.rank})`,
    );
  }
  const [channels, height, width] = x.shape as [number, number, number];
  const [outChannels, kernelChannels, kernelHeight, kernelWidth] = w.shape as [
    number,
    number,
    number,
    number,
  ];
  if (kernelChannels !== channels) {
    throw new ShapeError(
      op,
      `input has ${channels} channels but the kernels (${formatShape(w.shape)}) expect ${kernelChannels}`,
    );
  }
  if (height < 1 || width < 1 || kernelHeight < 1 || kernelWidth < 1 || outChannels < 1) {
    throw new ShapeError(
      op,
      `input ${formatShape(x.shape)} and kernels ${formatShape(w.shape)} must not be empty`,
    );
  }
  const mode = options.paddingMode ?? 'zeros';
  if (!paddingModes.includes(mode)) {
    throw new ShapeError(
      op,
      `paddingMode must be one of ${paddingModes.join(', ')}, got ${JSON.stringify(mode)}`,
    );
  }
  const plan = planWindow(op, 'kernel', [height, width], [kernelHeight, kernelWidth], options);
  checkPadsForMode(op, plan.pads, height, width, mode);
  const geometry: ConvGeometry = {
    channels,
    height: plan.paddedHeight,
    width: plan.paddedWidth,
    outChannels,
    kernelHeight,
    kernelWidth,
    strideY: plan.strideY,
    strideX: plan.strideX,
    dilationY: plan.dilationY,
    dilationX: plan.dilationX,
    outHeight: plan.outHeight,
    outWidth: plan.outWidth,
  };
  return {
    geometry,
    pads: plan.pads,
    mode,
    inputHeight: height,
    inputWidth: width,
    paddedInput: padImage(x.data, channels, height, width, plan.pads, mode),
    kernel: options.flip === true ? rotateKernels(w.data, geometry) : w.data,
    bias: resolveBias(op, options.bias, outChannels),
  };
}

function resolveBias(op: string, bias: Conv2dOptions['bias'], kernels: number): Float32Array | null {
  if (bias === undefined) return null;
  const values = bias instanceof Tensor ? bias.data : Float32Array.from(bias);
  if (values.length !== kernels) {
    throw new ShapeError(op, `bias has ${values.length} values but there are ${kernels} kernels`);
  }
  return values;
}

/**
 * The sum of `values[start..end)`. Four running sums instead of one: a single sum waits for each add to
 * finish before the next, and on sixteen 256×256 gradient maps that wait was over a quarter of the
 * whole backward pass.
 */
function sumRange(values: Float32Array, start: number, end: number): number {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let k = start;
  for (; k + 4 <= end; k += 4) {
    a += values[k] as number;
    b += values[k + 1] as number;
    c += values[k + 2] as number;
    d += values[k + 3] as number;
  }
  for (; k < end; k++) a += values[k] as number;
  return a + b + (c + d);
}

/** Rotates every kh×kw kernel by 180° (its own inverse): w'[o, c, i, j] = w[o, c, kh−1−i, kw−1−j]. */
function rotateKernels(w: Float32Array, g: ConvGeometry): Float32Array {
  const area = g.kernelHeight * g.kernelWidth;
  const rotated = new Float32Array(w.length);
  for (let start = 0; start < w.length; start += area) {
    for (let k = 0; k < area; k++) rotated[start + k] = w[start + area - 1 - k] as number;
  }
  return rotated;
}

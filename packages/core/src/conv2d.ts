import { type ActivationName, activationGradient, applyActivation } from './activations';
import { getKernels } from './backend/active-kernels';
import { prepareConv, rotateKernels } from './conv-call';
import type { AxisPair, Padding, PaddingMode } from './conv-options';
import { allocateFloats } from './float-storage';
import { padImage, unpadGradient } from './pad';
import { formatShape, ShapeError } from './shape-errors';
import { jsData, Tensor } from './tensor';

export interface Conv2dOptions {
  /** One value per kernel, added after the multiply-adds. */
  readonly bias?: Tensor | readonly number[] | undefined;
  readonly stride?: AxisPair | undefined;
  readonly dilation?: AxisPair | undefined;
  readonly padding?: Padding | undefined;
  readonly paddingMode?: PaddingMode | undefined;
  /** true: mathematical convolution (kernel rotated 180°); false (default): cross-correlation. */
  readonly flip?: boolean;
  /**
   * Applied to every output after the bias (default 'identity'). On the WASM kernels relu and leaky
   * relu happen as each output is stored: conv, bias and activation in one pass over the output.
   */
  readonly activation?: ActivationName;
  /** The negative slope of 'leaky-relu'. Default 0.01. */
  readonly alpha?: number;
}

export interface Conv2dGradients {
  /** Same shape as the input `[C, H, W]`. */
  readonly dx: Tensor;
  /** Same shape as the kernel bank `[O, C, kh, kw]`. */
  readonly dw: Tensor;
  /** One per kernel `[O]`. */
  readonly db: Tensor;
}

/**
 * Convolves a `[C, H, W]` image with a `[O, C, kh, kw]` kernel bank, giving `[O, H', W']`. The output
 * lives where the input does: in WASM memory for a 'wasm' tensor (see `toWasm`), else in JS.
 */
export function conv2d(x: Tensor, w: Tensor, options: Conv2dOptions = {}): Tensor {
  const call = prepareConv('conv2d', x, w, options);
  const g = call.geometry;
  const activation = options.activation ?? 'identity';
  const alpha = options.alpha ?? 0.01;
  const kernels = getKernels();
  if (kernels.device !== undefined) {
    return kernels.device.conv({
      x,
      pads: call.pads,
      mode: call.mode,
      geometry: g,
      kernel: call.kernel,
      bias: call.bias,
      activation,
      alpha,
    });
  }
  const paddedInput = padImage(
    jsData(x),
    g.channels,
    call.inputHeight,
    call.inputWidth,
    call.pads,
    call.mode,
  );
  const out = allocateFloats(g.outChannels * g.outHeight * g.outWidth);
  kernels.convForward(paddedInput, call.kernel, call.bias, g, out);
  const z = new Tensor([g.outChannels, g.outHeight, g.outWidth], out);
  return activation === 'identity' ? z : applyActivation(activation, z, { alpha });
}

/**
 * Exact gradients of `conv2d(x, w, options)` given the gradient of its output. The kernels work on the
 * padded, possibly flipped problem; this folds their answers back: padded-cell gradients onto the cells
 * they copied, and the flipped kernel's gradient back into the caller's orientation. With an activation,
 * the pre-activation output is recomputed to take its derivative.
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
  const gradZ = gradientBeforeActivation(x, w, gradOut, options);
  const kernels = getKernels();
  if (kernels.device !== undefined) {
    const { pads, mode, kernel } = call;
    const flip = options.flip === true;
    const request = { x, pads, mode, geometry: g, kernel, flip, weightShape: w.shape, gradOut: gradZ };
    const gradients = kernels.device.convBackward(request);
    if (gradZ !== gradOut) gradZ.dispose();
    return gradients;
  }
  const paddedInput = padImage(
    jsData(x),
    g.channels,
    call.inputHeight,
    call.inputWidth,
    call.pads,
    call.mode,
  );
  const grad = jsData(gradZ);
  const dxPadded = new Float32Array(paddedInput.length);
  kernels.convBackwardInput(grad, call.kernel, g, dxPadded);
  const dx = unpadGradient(dxPadded, g.channels, call.inputHeight, call.inputWidth, call.pads, call.mode);

  const dwSeen = new Float32Array(call.kernel.length);
  kernels.convBackwardWeights(paddedInput, grad, g, dwSeen);
  const dw = options.flip === true ? rotateKernels(dwSeen, g) : dwSeen;

  const db = new Float32Array(g.outChannels);
  const mapSize = g.outHeight * g.outWidth;
  for (let o = 0; o < g.outChannels; o++) db[o] = sumRange(grad, o * mapSize, (o + 1) * mapSize);
  return { dx: new Tensor(x.shape, dx), dw: new Tensor(w.shape, dw), db: new Tensor([g.outChannels], db) };
}

/** dL/dz for z the conv before its activation: gradOut itself without one. */
function gradientBeforeActivation(x: Tensor, w: Tensor, gradOut: Tensor, options: Conv2dOptions): Tensor {
  const activation = options.activation ?? 'identity';
  if (activation === 'identity') return gradOut;
  const z = conv2d(x, w, { ...options, activation: 'identity' });
  const gradZ = activationGradient(activation, z, gradOut, { alpha: options.alpha ?? 0.01 });
  z.dispose();
  return gradZ;
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
    a += values[k] ?? 0;
    b += values[k + 1] ?? 0;
    c += values[k + 2] ?? 0;
    d += values[k + 3] ?? 0;
  }
  for (; k < end; k++) a += values[k] ?? 0;
  return a + b + (c + d);
}

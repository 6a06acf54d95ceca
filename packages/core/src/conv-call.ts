import type { ConvGeometry } from './backend/kernels';
import { type PaddingMode, type Pads, paddingModes, planWindow } from './conv-options';
import type { Conv2dOptions } from './conv2d';
import { checkPadsForMode } from './pad';
import { formatShape, ShapeError } from './shape-errors';
import { jsData, Tensor } from './tensor';

// The checks and arithmetic shared by conv2d and conv2dBackward, before any kernel runs.

export interface PreparedConv {
  readonly geometry: ConvGeometry;
  readonly pads: Pads;
  readonly mode: PaddingMode;
  readonly inputHeight: number;
  readonly inputWidth: number;
  /** The weights the kernels slide: rotated 180° when `flip` is set. */
  readonly kernel: Float32Array;
  readonly bias: Float32Array | null;
}

/** Validates a conv call and resolves its options into what the kernels need (padding is left to the caller). */
export function prepareConv(op: string, x: Tensor, w: Tensor, options: Conv2dOptions): PreparedConv {
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
    kernel: options.flip === true ? rotateKernels(w.data, geometry) : jsData(w),
    bias: resolveBias(op, options.bias, outChannels),
  };
}

function resolveBias(op: string, bias: Conv2dOptions['bias'], kernels: number): Float32Array | null {
  if (bias === undefined) return null;
  const values = bias instanceof Tensor ? jsData(bias) : Float32Array.from(bias);
  if (values.length !== kernels) {
    throw new ShapeError(op, `bias has ${values.length} values but there are ${kernels} kernels`);
  }
  return values;
}

/** Rotates every kh×kw kernel by 180° (its own inverse): w'[o, c, i, j] = w[o, c, kh−1−i, kw−1−j]. */
export function rotateKernels(w: Float32Array, g: ConvGeometry): Float32Array {
  const area = g.kernelHeight * g.kernelWidth;
  const rotated = new Float32Array(w.length);
  for (let start = 0; start < w.length; start += area) {
    for (let k = 0; k < area; k++) rotated[start + k] = w[start + area - 1 - k] ?? 0;
  }
  return rotated;
}

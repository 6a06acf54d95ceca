import {
  type Conv2dOptions,
  conv2dOutputSize,
  conv2dThenActivation,
  resolveAxisPair,
  type Tensor,
} from '@convbook/core';
import type { CellValue } from '../cell-value';
import { MAX_TENSOR_VALUES } from '../document/limits';
import { broadcastKernel } from './broadcast-kernel';
import { replacePlanes } from './channel-planes';
import { type ConvReuse, reusableConv, someKernels, wholeBank } from './conv-reuse';
import { convSchema } from './conv-schema';
import { withCompute } from './kind-compute';
import { convMaxPad, describeWindowMisfit, findWindowMisfit, type WindowOnInput } from './window-fit';

/** Runs conv cells (the schema, conv-schema.ts, is what the page reads). */
export const convCell = withCompute(convSchema, {
  validateInputs: ({ input, kernel }, params) => {
    const channels = input.tensor.shape[0];
    const kernelChannels = kernel.weights.shape[1];
    if (kernelChannels !== 1 && kernelChannels !== channels) {
      return `kernel has ${kernelChannels} channels but the input has ${channels}`;
    }
    // Said here in plain words, before conv2d would throw core's terser "kernel is 5×2 but the padded
    // input is 3×4".
    const window = kernelOnInput(input.tensor.shape, kernel.weights.shape, params);
    const misfit = findWindowMisfit(window);
    return misfit && describeWindowMisfit('kernel', window, misfit);
  },
  // One float per output value: [kernels, H', W'].
  estimateBytes: ({ input, kernel }, params) =>
    4 * (outputSize(input.tensor.shape, kernel.weights.shape, windowOptions(params))?.values ?? 0),
  compute: (inputs, params, context) => {
    const { input, kernel } = inputs;
    refuseHugeOutput(input.tensor.shape, kernel.weights.shape, windowOptions(params));
    const reuse = reusableConv(context.lastCompute, inputs, params);
    if (reuse?.changed.length === 0) return reuse.value; // same input, params and bank: the same maps
    const bank = reuse === undefined ? wholeBank(kernel) : someKernels(kernel, reuse.changed);
    const weights = broadcastKernel(bank.weights, input.tensor.shape[0] ?? 1);
    const options: Conv2dOptions = { ...windowOptions(params), bias: bank.bias };
    const alpha = params.alpha === undefined ? {} : { alpha: params.alpha };
    const place = (maps: Tensor): CellValue => ({
      type: 'tensor',
      tensor: reuse === undefined ? maps : merged(reuse, maps),
    });
    const activationAfter = { name: params.activation, ...alpha };
    const parallel = context.parallel;
    if (parallel?.splits(input.tensor, weights, options)) {
      // The signal lets an edit (or the time limit) stop the workers, not just drop their result. Each
      // worker applies the activation to its own maps, with the bits of this thread's pass below, so the
      // maps come back finished and no serial pass over the whole output is left for this thread.
      return parallel.conv2d(input.tensor, weights, options, context.signal, activationAfter).then(place);
    }
    // Relu and leaky relu in the conv's own store (the bits of applyActivationInPlace, one pass fewer);
    // any other activation over the fresh output in place.
    return place(conv2dThenActivation(input.tensor, weights, options, activationAfter));
  },
});

/** The maps just computed, put among the last output's others. */
function merged(reuse: ConvReuse, maps: Tensor): Tensor {
  return replacePlanes(reuse.previous, reuse.changed, maps);
}

interface WindowParams {
  readonly stride?: unknown;
  readonly dilation?: unknown;
  readonly padding?: unknown;
  readonly paddingMode: Conv2dOptions['paddingMode'];
  readonly flip: boolean;
}

function windowOptions(params: WindowParams): Conv2dOptions {
  return {
    stride: params.stride as Conv2dOptions['stride'],
    dilation: params.dilation as Conv2dOptions['dilation'],
    padding: params.padding as Conv2dOptions['padding'],
    paddingMode: params.paddingMode,
    flip: params.flip,
  };
}

/** The kernel's walk over the input, as window-fit.ts reads it. */
function kernelOnInput(
  inputShape: readonly number[],
  weightShape: readonly number[],
  params: WindowParams,
): WindowOnInput {
  const input = [inputShape[1] ?? 1, inputShape[2] ?? 1] as const;
  const options = windowOptions(params);
  return {
    input,
    window: [weightShape[2] ?? 1, weightShape[3] ?? 1],
    dilation: resolveAxisPair('conv2d', 'dilation', options.dilation, 1),
    stride: resolveAxisPair('conv2d', 'stride', options.stride, 1),
    padding: options.padding ?? 'valid',
    maxPad: convMaxPad(input, options.paddingMode ?? 'zeros'),
  };
}

/** The output's [kernels, H', W'] and value count; undefined for a bad geometry (conv2d reports it). */
function outputSize(
  inputShape: readonly number[],
  weightShape: readonly number[],
  options: Conv2dOptions,
): { kernels: number; height: number; width: number; values: number } | undefined {
  const [kernels = 1, , kh = 1, kw = 1] = weightShape;
  try {
    const size = conv2dOutputSize([inputShape[1] ?? 1, inputShape[2] ?? 1], [kh, kw], options);
    return { kernels, ...size, values: kernels * size.height * size.width };
  } catch {
    return undefined;
  }
}

/** Checks the output size before allocating it: 256 kernels over a 4096×4096 picture would be 17 GB. */
function refuseHugeOutput(
  inputShape: readonly number[],
  weightShape: readonly number[],
  options: Conv2dOptions,
): void {
  const size = outputSize(inputShape, weightShape, options);
  if (size !== undefined && size.values > MAX_TENSOR_VALUES) {
    throw new Error(
      `output would be ${size.kernels}×${size.height}×${size.width} = ${size.values} values, the limit is ${MAX_TENSOR_VALUES}: ` +
        'downscale the input, use a larger stride, or fewer kernels',
    );
  }
}

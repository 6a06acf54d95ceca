import type { ConvGeometry } from '../src/backend/kernels';
import { planWindow } from '../src/conv-options';
import { padImage } from '../src/pad';
import { type ConvCase, type ConvInputs, convOptions } from './cases';

/**
 * The arguments conv2d hands its kernels for one case (padded input, geometry), prepared once, so the
 * bench can time the kernels alone next to the public op and show what the op's own preparation costs.
 */
export interface KernelCall {
  readonly geometry: ConvGeometry;
  readonly paddedInput: Float32Array;
  readonly out: Float32Array;
  readonly dxPadded: Float32Array;
  readonly dw: Float32Array;
}

export function prepareKernelCall(c: ConvCase, { x }: ConvInputs): KernelCall {
  const plan = planWindow('bench', 'kernel', [c.size, c.size], [c.kernel, c.kernel], convOptions(c));
  const geometry: ConvGeometry = {
    channels: c.channels,
    height: plan.paddedHeight,
    width: plan.paddedWidth,
    outChannels: c.kernels,
    kernelHeight: c.kernel,
    kernelWidth: c.kernel,
    strideY: plan.strideY,
    strideX: plan.strideX,
    dilationY: plan.dilationY,
    dilationX: plan.dilationX,
    outHeight: plan.outHeight,
    outWidth: plan.outWidth,
  };
  const paddedInput = padImage(x.data, c.channels, c.size, c.size, plan.pads, 'zeros');
  return {
    geometry,
    paddedInput,
    out: new Float32Array(c.kernels * plan.outHeight * plan.outWidth),
    dxPadded: new Float32Array(paddedInput.length),
    dw: new Float32Array(c.kernels * c.channels * c.kernel * c.kernel),
  };
}

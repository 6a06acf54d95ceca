import type { Tensor } from '../tensor';
import { chooseConvAlgorithm } from './conv-algorithm';
import type { ConvRequest } from './tensor-device';
import type { WasmArena } from './wasm-arena';
import { applyInJs, type DeviceContext, output, writePadded } from './wasm-device-io';
import { planForward, runForward, zeroPaddingKernels } from './wasm-forward-plan';
import { ACTIVATION_CODES } from './wasm-module';
import { heapAddress } from './wasm-storage';

/**
 * One public conv2d on the heap: the input is padded straight into the kernel's memory (no padded copy
 * in JS, no second copy in), or read where it is when it lives in the heap and needs neither padding nor
 * a column split; bias and relu / leaky relu are applied by the kernel as it stores each output.
 */
export function wasmConv(context: DeviceContext, arena: WasmArena, request: ConvRequest): Tensor {
  const { wasm, heap } = context;
  const g = request.geometry;
  const own = heapAddress(request.x, heap);
  const padded = g.channels * g.height * g.width;
  const gemm = chooseConvAlgorithm(g) === 'gemm';
  const inPlace = own !== undefined && !hasPadding(request) && (g.strideX === 1 || gemm);
  const raw = inPlace ? own : arena.allocate(padded);
  if (gemm) {
    if (!inPlace) writePadded(context, arena, request.x, request.pads, request.mode, 0, raw);
    return convAsGemm(context, arena, request, raw, own !== undefined);
  }
  const planeWidth = Math.ceil(g.width / g.strideX);
  const planes = g.strideX === 1 ? raw : arena.allocate(g.channels * g.height * g.strideX * planeWidth);
  const taps = g.channels * g.kernelHeight * g.kernelWidth;
  const plan = planForward(arena, g.outChannels, taps, g.outHeight, g.outWidth, request.bias !== null);

  // Every block is allocated: views taken from here on stay attached.
  if (!inPlace) writePadded(context, arena, request.x, request.pads, request.mode, 0, raw);
  if (g.strideX > 1) {
    wasm.deinterleaveColumns(raw, planes, g.channels * g.height, g.width, g.strideX, planeWidth);
  }
  wasm.writeTapOffsets(
    plan.taps,
    g.channels,
    g.height,
    g.kernelHeight,
    g.kernelWidth,
    g.dilationY,
    g.dilationX,
    g.strideX,
    planeWidth,
  );
  arena.write(plan.weights, request.kernel);
  if (request.bias !== null) arena.write(plan.bias, request.bias);
  zeroPaddingKernels(arena, plan, g.outChannels);
  const fused = request.activation === 'relu' || request.activation === 'leaky-relu';
  const code = fused ? ACTIVATION_CODES[request.activation as 'relu' | 'leaky-relu'] : 0;
  runForward(wasm, plan, planes, g.strideY * g.strideX * planeWidth * 4, code, request.alpha);
  const size = g.outChannels * g.outHeight * g.outWidth;
  if (!fused && request.activation !== 'identity') {
    const values = heap.floats(plan.out, size);
    applyInJs(request.activation, values, values);
  }
  return output(context, arena, [g.outChannels, g.outHeight, g.outWidth], plan.out, size, own !== undefined);
}

/** The padded input at `raw` as a column matrix, times the kernels [O, K]; bias and activation after. */
function convAsGemm(
  context: DeviceContext,
  arena: WasmArena,
  request: ConvRequest,
  raw: number,
  resident: boolean,
): Tensor {
  const { wasm, heap } = context;
  const g = request.geometry;
  const taps = g.channels * g.kernelHeight * g.kernelWidth;
  const positions = g.outHeight * g.outWidth;
  const stride = Math.max(8, Math.ceil(positions / 8) * 8);
  const cols = arena.allocate(taps * stride);
  const weights = arena.allocate(g.outChannels * taps);
  const bias = request.bias === null ? 0 : arena.allocate(g.outChannels);
  const out = arena.allocate(g.outChannels * positions);
  wasm.im2col(
    raw,
    cols,
    1,
    g.channels,
    g.height,
    g.width,
    g.kernelHeight,
    g.kernelWidth,
    g.strideY,
    g.strideX,
    g.dilationY,
    g.dilationX,
    g.outHeight,
    g.outWidth,
    stride,
  );
  arena.write(weights, request.kernel);
  if (request.bias !== null) arena.write(bias, request.bias);
  wasm.gemm(weights, cols, 0, out, g.outChannels, taps, positions, stride);
  // One example: the rows are already [O, P]; add the bias (and relu) in place.
  const relu = request.activation === 'relu';
  if (bias !== 0 || relu)
    wasm.rowsToBatch(out, out, bias, g.outChannels, 1, positions, positions, relu ? 1 : 0);
  const size = g.outChannels * positions;
  if (request.activation === 'leaky-relu') {
    wasm.activateInPlace(out, out, size, ACTIVATION_CODES['leaky-relu'], request.alpha);
  } else if (!relu && request.activation !== 'identity') {
    const values = heap.floats(out, size);
    applyInJs(request.activation, values, values);
  }
  return output(context, arena, [g.outChannels, g.outHeight, g.outWidth], out, size, resident);
}

function hasPadding({ pads }: ConvRequest): boolean {
  return pads.top !== 0 || pads.bottom !== 0 || pads.left !== 0 || pads.right !== 0;
}

import { unpadGradient } from '../pad';
import { Tensor } from '../tensor';
import type { ConvBackwardRequest, ConvGradientTensors } from './tensor-device';
import type { WasmArena } from './wasm-arena';
import { convBackwardInputAt } from './wasm-backward-input';
import { type DeviceContext, inputAddress, output, writePadded } from './wasm-device-io';
import { heapAddress, heapTensor } from './wasm-storage';

/**
 * conv2dBackward on the heap: the input is padded once into the kernel's memory (or read in place),
 * the gradient is read where it is, dw and the padded dx are computed there, and a zero-padded dx is
 * cropped by the kernels. The results stay in WASM memory when the input or the gradient did.
 */
export function wasmConvBackward(
  context: DeviceContext,
  arena: WasmArena,
  request: ConvBackwardRequest,
): ConvGradientTensors {
  const { wasm, heap } = context;
  const g = request.geometry;
  const own = heapAddress(request.x, heap);
  const resident = own !== undefined || heapAddress(request.gradOut, heap) !== undefined;
  const padded = g.channels * g.height * g.width;
  const hasPads = request.pads.top + request.pads.bottom + request.pads.left + request.pads.right > 0;
  const raw = own !== undefined && !hasPads ? own : arena.allocate(padded);
  const planeWidth = Math.ceil(g.width / g.strideX);
  const planes = g.strideX === 1 ? raw : arena.allocate(g.channels * g.height * g.strideX * planeWidth);
  const tapCount = g.channels * g.kernelHeight * g.kernelWidth;
  const taps = arena.allocate(tapCount);
  const dw = arena.allocate(g.outChannels * tapCount);
  const grad = inputAddress(context, arena, request.gradOut);
  if (raw !== own) writePadded(context, arena, request.x, request.pads, request.mode, 0, raw);
  if (g.strideX > 1)
    wasm.deinterleaveColumns(raw, planes, g.channels * g.height, g.width, g.strideX, planeWidth);
  wasm.writeTapOffsets(
    taps,
    g.channels,
    g.height,
    g.kernelHeight,
    g.kernelWidth,
    g.dilationY,
    g.dilationX,
    g.strideX,
    planeWidth,
  );
  const rowStep = g.strideY * g.strideX * planeWidth * 4;
  wasm.convBackwardWeights(planes, taps, grad, dw, g.outChannels, tapCount, g.outHeight, g.outWidth, rowStep);
  const dxPadded = convBackwardInputAt(wasm, arena, grad, request.kernel, g);
  const db = arena.allocate(g.outChannels);
  wasm.sumPlanes(grad, db, g.outChannels, g.outHeight * g.outWidth);
  const dxTensor = inputGradient(context, arena, request, dxPadded, resident);
  const dwTensor = request.flip
    ? placed(
        context,
        rotate(heap.floats(dw, g.outChannels * tapCount), g.kernelHeight * g.kernelWidth),
        request.weightShape,
        resident,
      )
    : output(context, arena, request.weightShape, dw, g.outChannels * tapCount, resident);
  return {
    dx: dxTensor,
    dw: dwTensor,
    db: output(context, arena, [g.outChannels], db, g.outChannels, resident),
  };
}

/** dx folded back from the padded grid: cropped in the kernels for zeros, through pad.ts's maps otherwise. */
function inputGradient(
  context: DeviceContext,
  arena: WasmArena,
  request: ConvBackwardRequest,
  dxPadded: number,
  resident: boolean,
): Tensor {
  const g = request.geometry;
  const [channels, height, width] = request.x.shape as [number, number, number];
  const size = channels * height * width;
  if (request.mode !== 'zeros') {
    const view = context.heap.floats(dxPadded, g.channels * g.height * g.width);
    return placed(
      context,
      unpadGradient(view, channels, height, width, request.pads, request.mode),
      request.x.shape,
      resident,
    );
  }
  const dx = arena.allocate(size);
  context.wasm.cropPadded(
    dxPadded,
    dx,
    channels,
    g.height,
    g.width,
    request.pads.top,
    request.pads.left,
    height,
    width,
  );
  return output(context, arena, request.x.shape, dx, size, resident);
}

/** A tensor over `values` (a JS array), moved into the heap when the results are to live there. */
function placed(
  context: DeviceContext,
  values: Float32Array,
  shape: readonly number[],
  resident: boolean,
): Tensor {
  if (!resident) return new Tensor(shape, values);
  const address = context.heap.allocate(values.length);
  context.heap.floats(address, values.length).set(values);
  return heapTensor(context.heap, shape, address, values.length);
}

/** Every kh×kw kernel rotated by 180° (a copy). */
function rotate(w: Float32Array, area: number): Float32Array {
  const rotated = new Float32Array(w.length);
  for (let start = 0; start < w.length; start += area) {
    for (let k = 0; k < area; k++) rotated[start + k] = w[start + area - 1 - k] ?? 0;
  }
  return rotated;
}

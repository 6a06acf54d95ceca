import { getKernels } from './backend/active-kernels';
import type { PoolGeometry } from './backend/kernels';
import type { ArgmaxRecord, PoolRequest } from './backend/tensor-device';
import {
  type AxisPair,
  checkSize,
  type OutputSize,
  type Padding,
  type Pads,
  planWindow,
  resolveAxisPair,
  type WindowPlan,
} from './conv-options';
import { padImage, unpadGradient } from './pad';
import { formatShape, ShapeError } from './shape-errors';
import { jsData, Tensor } from './tensor';

export interface Pool2dOptions {
  readonly kind: 'max' | 'avg';
  /** Window size, one number for a square window or `[sh, sw]`. */
  readonly size: AxisPair;
  /** Defaults to the window size (non-overlapping windows). */
  readonly stride?: AxisPair;
  /** As for conv; the added cells are zeros that max ignores and avg does not count. */
  readonly padding?: Padding;
}

/**
 * Max or average pooling of a `[C, H, W]` image, channel by channel, giving `[C, H', W']`. The output
 * lives where the input does (WASM memory for a 'wasm' tensor, else JS).
 */
export function pool2d(x: Tensor, options: Pool2dOptions): Tensor {
  const call = preparePool('pool2d', x, options);
  const device = getKernels().device;
  if (device !== undefined) return device.pool(poolRequest(call, options, false)).output;
  const g = call.geometry;
  const paddedInput = padForKernels(x, call, options);
  const out = new Float32Array(g.channels * g.outHeight * g.outWidth);
  if (options.kind === 'max') {
    getKernels().maxPool(paddedInput, g, out, new Int32Array(out.length));
  } else {
    getKernels().sumPool(paddedInput, g, out);
    divideByRealCells(out, call);
  }
  return new Tensor([g.channels, g.outHeight, g.outWidth], out);
}

/** A pool's output together with what its backward pass needs (for max: where each maximum was). */
export interface RecordedPool {
  readonly output: Tensor;
  /** dL/dx from dL/dy (shaped like `output`), without running the forward pass again. */
  backward(gradOut: Tensor): Tensor;
  /** Frees the record (and nothing else: `output` is disposed on its own). */
  dispose(): void;
}

/**
 * pool2d that also records what pool2dBackward would recompute: the argmax of every max window, kept
 * in WASM memory when the input lives there. For training, where every forward is followed by a backward.
 */
export function pool2dRecorded(x: Tensor, options: Pool2dOptions): RecordedPool {
  const call = preparePool('pool2d', x, options);
  const g = call.geometry;
  const device = getKernels().device;
  let output: Tensor;
  let argmax: ArgmaxRecord | undefined;
  if (device !== undefined) {
    ({ output, argmax } = device.pool(poolRequest(call, options, true)));
  } else {
    const out = new Float32Array(g.channels * g.outHeight * g.outWidth);
    const indices = new Int32Array(out.length);
    const paddedInput = padForKernels(x, call, options);
    if (options.kind === 'max') getKernels().maxPool(paddedInput, g, out, indices);
    else {
      getKernels().sumPool(paddedInput, g, out);
      divideByRealCells(out, call);
    }
    output = new Tensor([g.channels, g.outHeight, g.outWidth], out);
    if (options.kind === 'max') argmax = { length: indices.length, read: () => indices, dispose: () => {} };
  }
  return {
    output,
    backward: (gradOut) => poolGradient(call, options, x.shape, gradOut, argmax),
    dispose: () => argmax?.dispose(),
  };
}

/**
 * The gradient of `pool2d(x, options)` with respect to x. Max sends each output's gradient to the first
 * maximum of its window (scan order); avg spreads it evenly over the window's real cells.
 */
export function pool2dBackward(x: Tensor, gradOut: Tensor, options: Pool2dOptions): Tensor {
  preparePool('pool2dBackward', x, options);
  const record = pool2dRecorded(x, options);
  try {
    return record.backward(gradOut);
  } finally {
    record.dispose();
    record.output.dispose();
  }
}

function poolGradient(
  call: PreparedPool,
  options: Pool2dOptions,
  inputShape: readonly number[],
  gradOut: Tensor,
  argmax: ArgmaxRecord | undefined,
): Tensor {
  const g = call.geometry;
  const expected = [g.channels, g.outHeight, g.outWidth];
  if (gradOut.rank !== 3 || gradOut.shape.some((n, axis) => n !== expected[axis])) {
    throw new ShapeError(
      'pool2dBackward',
      `gradOut must be ${formatShape(expected)} (the output's shape) but is ${formatShape(gradOut.shape)}`,
    );
  }
  const paddedShape = [g.channels, g.height, g.width];
  const device = getKernels().device;
  if (argmax !== undefined && device !== undefined) {
    const dxPadded = device.maxPoolBackward(argmax, gradOut, paddedShape);
    if (!hasPadding(call.plan.pads)) return dxPadded;
    const dx = unpadGradient(
      jsData(dxPadded),
      g.channels,
      call.inputHeight,
      call.inputWidth,
      call.plan.pads,
      'zeros',
    );
    dxPadded.dispose();
    return placedLike(gradOut, new Tensor(inputShape, dx));
  }
  const grad = jsData(gradOut);
  const dxPadded = new Float32Array(g.channels * g.height * g.width);
  if (argmax !== undefined) {
    const indices = argmax.read();
    for (let k = 0; k < indices.length; k++) dxPadded[indices[k] as number] += grad[k] as number;
  } else {
    const counts = realCellCounts(call.plan, g, call.inputHeight, call.inputWidth);
    spreadAverageGradient(grad, counts, g, dxPadded);
  }
  const dx = unpadGradient(dxPadded, g.channels, call.inputHeight, call.inputWidth, call.plan.pads, 'zeros');
  return placedLike(gradOut, new Tensor(inputShape, dx));
}

/** `t`, moved into WASM memory when `like` lives there (the gradient follows its upstream gradient). */
function placedLike(like: Tensor, t: Tensor): Tensor {
  const device = getKernels().device;
  return device?.owns(like) === true ? device.upload(t) : t;
}

function hasPadding(pads: Pads): boolean {
  return pads.top !== 0 || pads.bottom !== 0 || pads.left !== 0 || pads.right !== 0;
}

function poolRequest(call: PreparedPool, options: Pool2dOptions, recordArgmax: boolean): PoolRequest {
  const g = call.geometry;
  const divisor = hasPadding(call.plan.pads)
    ? realCellCounts(call.plan, g, call.inputHeight, call.inputWidth)
    : g.sizeY * g.sizeX;
  return { x: call.x, pads: call.plan.pads, geometry: g, kind: options.kind, recordArgmax, divisor };
}

// Max must never pick a padded cell, so they hold -Infinity; avg sums them as zeros and does not count them.
// Valid pooling pads nothing, and padImage then hands over the data itself: the kernels only read it.
function padForKernels(x: Tensor, call: PreparedPool, options: Pool2dOptions): Float32Array {
  const fill = options.kind === 'max' ? Number.NEGATIVE_INFINITY : 0;
  const g = call.geometry;
  return padImage(jsData(x), g.channels, call.inputHeight, call.inputWidth, call.plan.pads, 'zeros', fill);
}

/** The arithmetic of a pool2d call without running it: output height/width and the four pads used. */
export function pool2dOutputSize(
  inputHW: readonly [number, number],
  options: Omit<Pool2dOptions, 'kind'>,
): OutputSize {
  const op = 'pool2dOutputSize';
  const plan = planPool(op, checkSize(op, 'input', inputHW), options);
  return { height: plan.outHeight, width: plan.outWidth, pads: plan.pads };
}

interface PreparedPool {
  readonly x: Tensor;
  readonly geometry: PoolGeometry;
  readonly plan: WindowPlan;
  readonly inputHeight: number;
  readonly inputWidth: number;
}

function preparePool(op: string, x: Tensor, options: Pool2dOptions): PreparedPool {
  if (x.rank !== 3) {
    throw new ShapeError(
      op,
      `input must be [C, H, W] (rank 3) but is ${formatShape(x.shape)} (rank ${x.rank})`,
    );
  }
  if (options.kind !== 'max' && options.kind !== 'avg') {
    throw new ShapeError(op, `kind must be 'max' or 'avg', got ${JSON.stringify(options.kind)}`);
  }
  const [channels, height, width] = x.shape as [number, number, number];
  if (height < 1 || width < 1) throw new ShapeError(op, `input ${formatShape(x.shape)} must not be empty`);
  const plan = planPool(op, [height, width], options);
  const [sizeY, sizeX] = resolveAxisPair(op, 'size', options.size, 1);
  const geometry: PoolGeometry = {
    channels,
    height: plan.paddedHeight,
    width: plan.paddedWidth,
    sizeY,
    sizeX,
    strideY: plan.strideY,
    strideX: plan.strideX,
    outHeight: plan.outHeight,
    outWidth: plan.outWidth,
  };
  return { x, geometry, plan, inputHeight: height, inputWidth: width };
}

function planPool(
  op: string,
  input: readonly [number, number],
  options: Omit<Pool2dOptions, 'kind'>,
): WindowPlan {
  const size = resolveAxisPair(op, 'size', options.size, 1);
  const plan = planWindow(op, 'window', input, size, {
    stride: options.stride ?? options.size,
    padding: options.padding,
  });
  checkWindowsSeeRealCells(op, plan.pads, size);
  return plan;
}

/** A pad as wide as the window would let some window cover only padding, which has no max or mean. */
function checkWindowsSeeRealCells(op: string, pads: Pads, [sizeY, sizeX]: readonly [number, number]): void {
  const sides = [
    ['top', pads.top, 'height', sizeY],
    ['bottom', pads.bottom, 'height', sizeY],
    ['left', pads.left, 'width', sizeX],
    ['right', pads.right, 'width', sizeX],
  ] as const;
  for (const [side, pad, axis, size] of sides) {
    if (pad >= size) {
      throw new ShapeError(
        op,
        `padding must be smaller than the window: pad ${pad} on the ${side} but the window ${axis} is ${size}`,
      );
    }
  }
}

/** Turns window sums into means. Without padding every window is whole, so one divisor serves all. */
function divideByRealCells(out: Float32Array, call: PreparedPool): void {
  const g = call.geometry;
  const { top, bottom, left, right } = call.plan.pads;
  if (top === 0 && bottom === 0 && left === 0 && right === 0) {
    const area = g.sizeY * g.sizeX;
    for (let k = 0; k < out.length; k++) out[k] = (out[k] as number) / area;
    return;
  }
  const counts = realCellCounts(call.plan, g, call.inputHeight, call.inputWidth);
  for (let start = 0; start < out.length; start += counts.length) {
    for (let k = 0; k < counts.length; k++)
      out[start + k] = (out[start + k] as number) / (counts[k] as number);
  }
}

/** Per output position (the same for every channel): how many real, unpadded cells its window covers. */
function realCellCounts(plan: WindowPlan, g: PoolGeometry, height: number, width: number): Float32Array {
  const counts = new Float32Array(g.outHeight * g.outWidth);
  for (let y = 0; y < g.outHeight; y++) {
    const rows = overlap(y * g.strideY - plan.pads.top, g.sizeY, height);
    for (let x = 0; x < g.outWidth; x++) {
      counts[y * g.outWidth + x] = rows * overlap(x * g.strideX - plan.pads.left, g.sizeX, width);
    }
  }
  return counts;
}

/** Length of [start, start + length) ∩ [0, size). */
function overlap(start: number, length: number, size: number): number {
  return Math.max(0, Math.min(start + length, size) - Math.max(start, 0));
}

/** Each output's gradient, divided by its real-cell count, lands on every real cell of its window. */
function spreadAverageGradient(
  gradOut: Float32Array,
  counts: Float32Array,
  g: PoolGeometry,
  dxPadded: Float32Array,
): void {
  let k = 0;
  for (let c = 0; c < g.channels; c++) {
    for (let y = 0; y < g.outHeight; y++) {
      for (let x = 0; x < g.outWidth; x++, k++) {
        const share = (gradOut[k] as number) / (counts[y * g.outWidth + x] as number);
        for (let i = 0; i < g.sizeY; i++) {
          for (let j = 0; j < g.sizeX; j++) {
            dxPadded[(c * g.height + y * g.strideY + i) * g.width + x * g.strideX + j] += share;
          }
        }
      }
    }
  }
}

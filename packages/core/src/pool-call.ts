import type { PoolGeometry } from './backend/kernels';
import type { PoolRequest } from './backend/tensor-device';
import { type Pads, planWindow, resolveAxisPair, type WindowPlan } from './conv-options';
import { padImage } from './pad';
import type { Pool2dOptions } from './pool2d';
import { formatShape, ShapeError } from './shape-errors';
import { jsData, type Tensor } from './tensor';

// The checks and arithmetic of a pool call, shared by the forward and backward ops.

export function hasPadding(pads: Pads): boolean {
  return pads.top !== 0 || pads.bottom !== 0 || pads.left !== 0 || pads.right !== 0;
}

export function poolRequest(call: PreparedPool, options: Pool2dOptions, recordArgmax: boolean): PoolRequest {
  const g = call.geometry;
  const divisor = hasPadding(call.plan.pads)
    ? realCellCounts(call.plan, g, call.inputHeight, call.inputWidth)
    : g.sizeY * g.sizeX;
  return { x: call.x, pads: call.plan.pads, geometry: g, kind: options.kind, recordArgmax, divisor };
}

// Max must never pick a padded cell, so they hold -Infinity; avg sums them as zeros and does not count them.
// Valid pooling pads nothing, and padImage then hands over the data itself: the kernels only read it.
export function padForKernels(x: Tensor, call: PreparedPool, options: Pool2dOptions): Float32Array {
  const fill = options.kind === 'max' ? Number.NEGATIVE_INFINITY : 0;
  const g = call.geometry;
  return padImage(jsData(x), g.channels, call.inputHeight, call.inputWidth, call.plan.pads, 'zeros', fill);
}

export interface PreparedPool {
  readonly x: Tensor;
  readonly geometry: PoolGeometry;
  readonly plan: WindowPlan;
  readonly inputHeight: number;
  readonly inputWidth: number;
}

export function preparePool(op: string, x: Tensor, options: Pool2dOptions): PreparedPool {
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

export function planPool(
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
export function divideByRealCells(out: Float32Array, call: PreparedPool): void {
  const g = call.geometry;
  const { top, bottom, left, right } = call.plan.pads;
  if (top === 0 && bottom === 0 && left === 0 && right === 0) {
    const area = g.sizeY * g.sizeX;
    for (let k = 0; k < out.length; k++) out[k] = (out[k] ?? 0) / area;
    return;
  }
  const counts = realCellCounts(call.plan, g, call.inputHeight, call.inputWidth);
  for (let start = 0; start < out.length; start += counts.length) {
    for (let k = 0; k < counts.length; k++) out[start + k] = (out[start + k] ?? 0) / (counts[k] ?? 0);
  }
}

/** Per output position (the same for every channel): how many real, unpadded cells its window covers. */
export function realCellCounts(
  plan: WindowPlan,
  g: PoolGeometry,
  height: number,
  width: number,
): Float32Array {
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

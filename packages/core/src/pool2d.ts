import { getKernels } from './backend/active-kernels';
import type { PoolGeometry } from './backend/kernels';
import type { ArgmaxRecord } from './backend/tensor-device';
import type { AxisPair, Padding } from './conv-options';
import { allocateFloats } from './float-storage';
import { unpadGradient } from './pad';
import {
  divideByRealCells,
  hasPadding,
  type PreparedPool,
  padForKernels,
  poolRequest,
  preparePool,
  realCellCounts,
} from './pool-call';
import { formatShape, ShapeError } from './shape-errors';
import { jsData, Tensor } from './tensor';

export interface Pool2dOptions {
  readonly kind: 'max' | 'avg';
  /** Window size, one number for a square window or `[sh, sw]`. */
  readonly size: AxisPair;
  /** Defaults to the window size (non-overlapping windows). */
  readonly stride?: AxisPair | undefined;
  /** As for conv; the added cells are zeros that max ignores and avg does not count. */
  readonly padding?: Padding | undefined;
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
  const out = allocateFloats(g.channels * g.outHeight * g.outWidth);
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
    backward: (gradOut) => poolGradient(call, x.shape, gradOut, argmax),
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
    for (let k = 0; k < indices.length; k++) {
      const cell = indices[k] ?? 0;
      dxPadded[cell] = (dxPadded[cell] ?? 0) + (grad[k] ?? 0);
    }
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
        const share = (gradOut[k] ?? 0) / (counts[y * g.outWidth + x] ?? 0);
        for (let i = 0; i < g.sizeY; i++) {
          for (let j = 0; j < g.sizeX; j++) {
            const cell = (c * g.height + y * g.strideY + i) * g.width + x * g.strideX + j;
            dxPadded[cell] = (dxPadded[cell] ?? 0) + share;
          }
        }
      }
    }
  }
}

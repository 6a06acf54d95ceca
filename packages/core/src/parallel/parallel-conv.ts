import { planWindow } from '../conv-options';
import type { Conv2dOptions } from '../conv2d';
import { ShapeError } from '../shape-errors';
import type { Tensor } from '../tensor';
import type { GradientHelper } from '../train/parallel-gradients';
import { type ActivationAfter, conv2dThenActivation } from './activation-after';
import { conv2dParallel } from './conv2d-parallel';
import type { WorkerPool } from './worker-pool';

/**
 * What a host (browser worker, Node runner) hands to code that may split a conv. Callers ask `splits`
 * first and call conv2d directly, synchronously, when it says no; `conv2d` here equals conv2d bit for
 * bit. The workers start on the first split, so a notebook without a big conv never spawns any.
 */
export interface ParallelConv {
  /** Whether this call is big enough for the split to beat one thread. */
  splits(x: Tensor, w: Tensor, options?: Conv2dOptions): boolean;
  /**
   * With `signal`: rejects at once when it aborts, and the workers drop the stale conv (conv2dParallel).
   * With `activationAfter`: the result is applyActivationInPlace's on conv2d's, bit for bit, applied by
   * each worker to its own maps (activation-after.ts).
   */
  conv2d(
    x: Tensor,
    w: Tensor,
    options?: Conv2dOptions,
    signal?: AbortSignal,
    activationAfter?: ActivationAfter,
  ): Promise<Tensor>;
  /**
   * A worker for the second half of every training batch (parallelTrainStep), when the host has one
   * to give; started on first use, shared by every training run, stopped by close().
   */
  gradientHelper?(): GradientHelper;
  /** Stops the workers, if any were started. */
  close(): Promise<void>;
}

/**
 * Below this many multiply-adds a split loses: posting the slices and the replies costs about a
 * millisecond on two cores, and a 20M-MAC conv takes ~1.5 ms at 27 GFLOP/s on one.
 */
export const DEFAULT_SPLIT_THRESHOLD = 20_000_000;

/** Multiply-adds of `conv2d(x, w, options)` (O·C·kh·kw·H'·W'), or 0 when the call is malformed. */
export function convMultiplyAdds(x: Tensor, w: Tensor, options: Conv2dOptions = {}): number {
  if (x.rank !== 3 || w.rank !== 4) return 0;
  const [, height, width] = x.shape as [number, number, number];
  const [, , kernelHeight, kernelWidth] = w.shape as [number, number, number, number];
  try {
    const plan = planWindow('conv2d', 'kernel', [height, width], [kernelHeight, kernelWidth], options);
    return w.size * plan.outHeight * plan.outWidth;
  } catch (error) {
    if (error instanceof ShapeError) return 0; // conv2d itself will throw the same error
    throw error;
  }
}

/**
 * Runs convs above `minMultiplyAdds` across the workers of `createPool()` (called once, on the first
 * such conv), smaller ones on the calling thread.
 */
export function createParallelConv(
  createPool: () => WorkerPool,
  minMultiplyAdds = DEFAULT_SPLIT_THRESHOLD,
  createTrainPool?: () => WorkerPool,
): ParallelConv {
  let pool: WorkerPool | undefined;
  let trainPool: WorkerPool | undefined;
  const splits = (x: Tensor, w: Tensor, options: Conv2dOptions = {}) =>
    convMultiplyAdds(x, w, options) > minMultiplyAdds;
  return {
    splits,
    async conv2d(x, w, options = {}, signal, activationAfter) {
      signal?.throwIfAborted();
      if (!splits(x, w, options)) return conv2dThenActivation(x, w, options, activationAfter);
      pool ??= createPool();
      return conv2dParallel(x, w, options, pool, signal, activationAfter);
    },
    ...(createTrainPool === undefined
      ? {}
      : {
          gradientHelper: () => {
            trainPool ??= createTrainPool();
            return trainPool;
          },
        }),
    async close() {
      await Promise.all([pool?.close(), trainPool?.close()]);
      pool = undefined;
      trainPool = undefined;
    },
  };
}

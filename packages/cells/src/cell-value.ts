import type { LayerStats, LossResult, StackTotals, Tensor } from '@convbook/core';
import type { DatasetValue, TrainValue } from './kinds/train/train-value';

/**
 * What a cell computes, by shape of result rather than by kind, so editors and the runner can render any
 * cell generically. Kinds add their own variants here when they need one (grad, stats).
 */
export type CellValue =
  /**
   * Images, feature maps, pooled maps: [C, H, W]. `note` explains a transformation the user did not ask for,
   * or reads the map out (a comparison); `figures` are that readout's numbers, for tests and the runner.
   */
  | {
      readonly type: 'tensor';
      readonly tensor: Tensor;
      readonly note?: string;
      readonly figures?: Readonly<Record<string, number>>;
    }
  /** A bank of kernels [O, C, kh, kw] and one bias per kernel. */
  | { readonly type: 'kernel'; readonly weights: Tensor; readonly bias: Float32Array }
  /** A loss value, the per-element error map [C, H, W] and dLoss/dPrediction of the same shape. */
  | ({ readonly type: 'loss' } & LossResult)
  | GradValue
  | StatsValue
  | DatasetValue
  | TrainValue
  /** Markdown source; the UI renders it safely (text only, no raw HTML). */
  | { readonly type: 'note'; readonly markdown: string };

/**
 * Backpropagation from a loss to a kernel (dW, db) or an image (dX). With training, also the result of
 * gradient descent on that kernel: the loss after each step and the learned kernel.
 */
export interface GradValue {
  readonly type: 'grad';
  readonly target: 'kernel' | 'image';
  /** dL/dW [O, C, kh, kw] or dL/dX [C, H, W]. */
  readonly gradient: Tensor;
  /** dL/db, one per kernel (target 'kernel' only). */
  readonly biasGradient?: Float32Array;
  /**
   * Tied weights made visible (target 'kernel'): for one selected weight, its contribution at each output
   * position [outH, outW]; these sum to that weight's entry in `gradient`.
   */
  readonly perPosition?: Tensor;
  readonly training?: {
    readonly lossCurve: readonly number[];
    readonly learnedWeights: Tensor;
    readonly learnedBias: Float32Array;
    readonly steps: number;
    /** The kernel cell trained (where "Apply" writes the learned kernel). */
    readonly kernelCellId?: string;
    /** dL/dW and dL/db at the learned kernel, once the run has finished. */
    readonly learnedGradient?: Tensor;
    readonly learnedBiasGradient?: Float32Array;
    /** The loss stopped being finite at `step`: the curve and kernel stop just before it. */
    readonly diverged?: { readonly step: number; readonly loss: number; readonly message: string };
  };
}

/** Layer arithmetic for the chain of conv/pool layers ending at a cell. */
export interface StatsValue {
  readonly type: 'stats';
  /** The image [C, H, W] the chain starts from. */
  readonly inputShape: readonly number[];
  /** Its values, C·H·W: training keeps them too, so they open the memory column. */
  readonly inputUnits: number;
  readonly layers: readonly StatsRow[];
  /**
   * Sums over the layers (memory: the input plus every row for training, the peak row for inference),
   * except `weights`, which counts each broadcast kernel's distinct numbers once.
   */
  readonly totals: StackTotals;
  /**
   * One fully connected layer from the same input units to the same output units, for comparison; counts
   * biases exactly when the stats cell does.
   */
  readonly fullyConnected: FullyConnectedRow;
}

export interface FullyConnectedRow extends Omit<LayerStats, 'inputShape' | 'outputShape'> {
  readonly inUnits: number;
}

/** Core's counts for one layer, named by the cell that computes it, with its units' receptive field. */
export interface StatsRow extends Omit<LayerStats, 'inputShape'> {
  readonly cellId: string;
  readonly kind: 'conv' | 'pool' | 'dense';
  readonly receptiveField: {
    readonly size: readonly [number, number];
    readonly jump: readonly [number, number];
  };
}

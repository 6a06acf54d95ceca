import type { Tensor } from '@convbook/core';

/**
 * The values of the training kinds. A dataset holds its examples as bytes (0–255, one channel) so a
 * 10,000-digit set stays 8 MB in the worker; a train value carries everything its view draws and the
 * learned weights, per weight cell, so Apply can write them back and Resume can continue from them.
 */
export interface DatasetSplit {
  /** Examples × pixels, 0–255. */
  readonly pixels: Uint8Array;
  /** Class index per example, 0 … classes − 1 (an index into `classNames`). */
  readonly labels: Uint8Array;
  readonly count: number;
}

export interface DatasetValue {
  readonly type: 'dataset';
  readonly name: string;
  /** One example's shape, [C, H, W]. */
  readonly imageShape: readonly [number, number, number];
  /** What each class index means (for digits: the digit). */
  readonly classNames: readonly string[];
  readonly train: DatasetSplit;
  readonly test: DatasetSplit;
  /** A few examples to show: [n, H, W] in 0–1 and their class indices. */
  readonly samples: { readonly images: Tensor; readonly labels: readonly number[] };
  /** Who made the data; the view shows it. */
  readonly credit: string;
}

export interface CurvePoint {
  readonly step: number;
  readonly examples: number;
  readonly loss: number;
  /** The learning rate of the point's last step (warm-up and schedule applied). */
  readonly learningRate: number;
}

export interface AccuracyPoint {
  readonly step: number;
  readonly train: number;
  readonly test: number;
}

export interface LearnedWeights {
  readonly cellId: string;
  /** [O, C, kh, kw] for a conv kernel bank, [units, inputs] for a dense layer. */
  readonly shape: readonly number[];
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

export interface WrongExample {
  /** Index in the test split. */
  readonly index: number;
  readonly label: number;
  readonly predicted: number;
  /** The probability the network gave its (wrong) answer. */
  readonly confidence: number;
  /** [H, W] in 0–1. */
  readonly image: Float32Array;
}

/** Per layer: weights (distinct numbers) and connections (multiply-adds per example), as counted here. */
export interface TrainLayerCount {
  readonly cellId: string;
  readonly kind: 'conv' | 'pool' | 'flatten' | 'dense';
  readonly outputShape: readonly number[];
  readonly weights: number;
  readonly connections: number;
}

export interface TrainValue {
  readonly type: 'train';
  /** running: a progress snapshot; done: every planned step; stopped: Stop; diverged: the loss blew up. */
  readonly status: 'running' | 'done' | 'stopped' | 'diverged';
  /** Why training ended early, in plain words (divergence, stop). */
  readonly message?: string;
  readonly steps: number;
  readonly plannedSteps: number;
  readonly examplesSeen: number;
  readonly epochs: number;
  /** Wall time of this run plus the runs it resumed. */
  readonly seconds: number;
  readonly examplesPerSecond: number;
  readonly lossCurve: readonly CurvePoint[];
  readonly accuracyCurve: readonly AccuracyPoint[];
  /** On the whole test split (and a fixed 2,000-example train sample), with the weights as stored. */
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  readonly classNames: readonly string[];
  /** confusion[true][predicted] counts on the test split. */
  readonly confusion: readonly (readonly number[])[];
  /** The most confidently wrong test examples, most confident first. */
  readonly wrong: readonly WrongExample[];
  readonly weights: readonly LearnedWeights[];
  readonly layers: readonly TrainLayerCount[];
  /** Floats held per example: activations alone (inference) and with gradients and the saved masks (training). */
  readonly memory: {
    readonly parameters: number;
    readonly inferencePerExample: number;
    readonly trainingPerExample: number;
  };
  /** Input image shape the weights were trained for. */
  readonly inputShape: readonly number[];
  /**
   * How this run used the cores: `one-thread`, or a helper thread meeting this one over shared memory or
   * by messages each step; `helpedSteps` of `steps` had their second half computed by the helper.
   */
  readonly threads: {
    readonly mode: 'one-thread' | 'shared-memory' | 'messages';
    readonly steps: number;
    readonly helpedSteps: number;
  };
}

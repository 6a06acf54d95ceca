import { Tensor } from '@convbook/core';
import { type BackpropChain, backwardChain, forwardChain, type WeightOverrides } from './backprop-chain';

/**
 * Plain gradient descent on one kernel (weights and bias) of a chain: W ← W − η·dL/dW, repeated. Every other
 * kernel and the image stay fixed. Progress is reported as it goes and an abort stops it between steps, so a
 * notebook edit made mid-training cancels the run instead of queueing behind it.
 */
export const MAX_TRAINING_STEPS = 5000;

export interface TrainingOptions {
  readonly steps: number;
  readonly learningRate: number;
}

export interface TrainingHooks {
  readonly signal?: AbortSignal;
  /** Called every few steps with the loss curve so far and the current kernel. */
  readonly progress?: (done: number, total: number, snapshot: TrainingResult) => void;
}

export interface TrainingResult {
  /** The loss before each step, then once more after the last: steps + 1 entries when complete. */
  readonly lossCurve: readonly number[];
  readonly learnedWeights: Tensor;
  readonly learnedBias: Float32Array;
  readonly steps: number;
  /** The kernel cell trained, so the page can write the learned kernel back into it. */
  readonly kernelCellId: string;
  /** dL/dW and dL/db at the learned kernel (the finished run only; a progress snapshot has none). */
  readonly learnedGradient?: Tensor;
  readonly learnedBiasGradient?: Float32Array;
  /**
   * Set when the loss stopped being a finite number: training stops there, keeps the curve up to it and
   * the last kernel with a finite loss, and says why in words.
   */
  readonly diverged?: { readonly step: number; readonly loss: number; readonly message: string };
}

/** Time between progress reports (and yields to the event loop, where an abort message can arrive). */
const REPORT_EVERY_MS = 50;

export async function trainKernel(
  chain: BackpropChain,
  kernelCellId: string,
  options: TrainingOptions,
  hooks: TrainingHooks = {},
): Promise<TrainingResult> {
  const start = chain.layers.find((l) => l.kind === 'conv' && l.kernelCellId === kernelCellId);
  if (start === undefined || start.kind !== 'conv') {
    throw new Error(`train: no conv layer between the image and the loss uses kernel "${kernelCellId}"`);
  }
  let weights = start.weights;
  let bias = start.bias;
  const lossCurve: number[] = [];
  let lastReport = Date.now();
  let lastFinite = { weights, bias };
  const snapshot = (steps: number): TrainingResult => ({
    lossCurve: [...lossCurve],
    learnedWeights: weights,
    learnedBias: bias,
    steps,
    kernelCellId,
  });

  for (let step = 0; step < options.steps; step++) {
    hooks.signal?.throwIfAborted();
    const overrides: WeightOverrides = new Map([[kernelCellId, { weights, bias }]]);
    const forward = forwardChain(chain, overrides);
    lossCurve.push(forward.loss);
    if (!Number.isFinite(forward.loss)) {
      // Keep what was learned up to here (the last kernel with a finite loss) and the curve that shows it.
      const message = `the loss became ${forward.loss} at step ${step}; the learning rate ${options.learningRate} is too large — try a smaller one`;
      lossCurve.pop();
      weights = lastFinite.weights;
      bias = lastFinite.bias;
      return { ...snapshot(Math.max(0, step - 1)), diverged: { step, loss: forward.loss, message } };
    }
    lastFinite = { weights, bias };
    const gradient = backwardChain(chain, forward, overrides).kernels.get(kernelCellId);
    if (gradient === undefined) break;
    const rate = options.learningRate;
    weights = new Tensor(
      weights.shape,
      weights.data.map((w, i) => w - rate * (gradient.weights.data[i] ?? 0)),
    );
    bias = bias.map((b, i) => b - rate * (gradient.bias[i] ?? 0));

    if (Date.now() - lastReport >= REPORT_EVERY_MS) {
      hooks.progress?.(step + 1, options.steps, snapshot(step + 1));
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastReport = Date.now();
    }
  }
  hooks.signal?.throwIfAborted();
  return finish(chain, kernelCellId, snapshot(options.steps), lossCurve);
}

/** The loss at the learned kernel closes the curve; the gradient there shows how far from a minimum it is. */
function finish(
  chain: BackpropChain,
  kernelCellId: string,
  result: TrainingResult,
  lossCurve: number[],
): TrainingResult {
  const overrides: WeightOverrides = new Map([
    [kernelCellId, { weights: result.learnedWeights, bias: result.learnedBias }],
  ]);
  const forward = forwardChain(chain, overrides);
  lossCurve.push(forward.loss);
  const gradient = backwardChain(chain, forward, overrides).kernels.get(kernelCellId);
  return {
    ...result,
    lossCurve: [...lossCurve],
    ...(gradient ? { learnedGradient: gradient.weights, learnedBiasGradient: gradient.bias } : {}),
  };
}

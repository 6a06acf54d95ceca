/**
 * Updates for one parameter array from its gradient, in place. Weight decay is the L2 penalty
 * (λ/2)·‖w‖², so its gradient λ·w is added before the update; it is applied to weights, not biases.
 * Moment buffers belong to the optimizer state of each array and are allocated once.
 */
export type OptimizerName = 'sgd' | 'momentum' | 'adam';

export interface OptimizerOptions {
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  readonly weightDecay?: number;
  /** Momentum coefficient (momentum), β1 (Adam). */
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

export class ParameterState {
  readonly first: Float32Array;
  readonly second: Float32Array;
  constructor(size: number) {
    this.first = new Float32Array(size);
    this.second = new Float32Array(size);
  }
}

/** Applies one update; `step` counts from 1 (Adam's bias correction uses it). */
export function optimizerStep(
  params: Float32Array,
  grads: Float32Array,
  state: ParameterState,
  options: OptimizerOptions,
  step: number,
  decay: boolean,
): void {
  const rate = options.learningRate;
  const lambda = decay ? (options.weightDecay ?? 0) : 0;
  const n = params.length;
  if (options.optimizer === 'sgd') {
    for (let i = 0; i < n; i++) {
      const w = params[i] ?? 0;
      params[i] = w - rate * ((grads[i] ?? 0) + lambda * w);
    }
    return;
  }
  if (options.optimizer === 'momentum') {
    const mu = options.beta1 ?? 0.9;
    const v = state.first;
    for (let i = 0; i < n; i++) {
      const w = params[i] ?? 0;
      const vi = mu * (v[i] ?? 0) - rate * ((grads[i] ?? 0) + lambda * w);
      v[i] = vi;
      params[i] = w + vi;
    }
    return;
  }
  adamStep(params, grads, state, options, step, lambda);
}

function adamStep(
  params: Float32Array,
  grads: Float32Array,
  state: ParameterState,
  options: OptimizerOptions,
  step: number,
  lambda: number,
): void {
  const b1 = options.beta1 ?? 0.9;
  const b2 = options.beta2 ?? 0.999;
  const eps = options.epsilon ?? 1e-8;
  const correction1 = 1 - b1 ** step;
  const correction2 = 1 - b2 ** step;
  const rate = (options.learningRate * Math.sqrt(correction2)) / correction1;
  const m = state.first;
  const v = state.second;
  for (let i = 0; i < params.length; i++) {
    const w = params[i] ?? 0;
    const g = (grads[i] ?? 0) + lambda * w;
    const mi = b1 * (m[i] ?? 0) + (1 - b1) * g;
    const vi = b2 * (v[i] ?? 0) + (1 - b2) * g * g;
    m[i] = mi;
    v[i] = vi;
    params[i] = w - (rate * mi) / (Math.sqrt(vi) + eps);
  }
}

import {
  activationGradient,
  applyActivation,
  conv2d,
  conv2dBackward,
  type LossResult,
  meanSquaredError,
  pool2d,
  pool2dBackward,
  softmaxCrossEntropy,
  Tensor,
} from '@convbook/core';
import { broadcastKernel } from './broadcast-kernel';
import type { ChainLayer, LayerChain } from './upstream-layers';

/**
 * The path from an image to a loss, as plain data: image → (conv + activation | pool)* → loss. The grad cell
 * builds one from the notebook and runs it forward and backward itself, so conv and pool cells stay simple
 * (their values carry no tape) and gradient descent can re-run the forward pass with new weights.
 */
export interface LossSpec {
  readonly loss: 'mse' | 'cross-entropy';
  readonly reduction: 'mean' | 'sum';
  /** A tensor shaped like the prediction (mse, or class probabilities), or a class index (cross-entropy). */
  readonly target: Tensor | number;
}

export interface BackpropChain extends LayerChain {
  readonly loss: LossSpec;
}

export interface LayerTrace {
  readonly input: Tensor;
  /** Conv only: the map before the activation, which the activation's gradient needs. */
  readonly preActivation?: Tensor;
  readonly output: Tensor;
}

export interface ForwardResult {
  readonly traces: readonly LayerTrace[];
  readonly prediction: Tensor;
  readonly loss: number;
  readonly gradient: Tensor;
}

/** Weights to use instead of the chain's own, keyed by kernel cell id (gradient descent's current guess). */
export type WeightOverrides = ReadonlyMap<string, { readonly weights: Tensor; readonly bias: Float32Array }>;

export function evaluateLoss(prediction: Tensor, spec: LossSpec): LossResult {
  const options = { reduction: spec.reduction };
  if (spec.loss === 'mse') {
    if (typeof spec.target === 'number') throw new Error('mse needs a target tensor, not a class index');
    return meanSquaredError(prediction, spec.target, options);
  }
  return softmaxCrossEntropy(prediction, spec.target, options);
}

export function forwardChain(chain: BackpropChain, overrides?: WeightOverrides): ForwardResult {
  const traces: LayerTrace[] = [];
  let current = chain.input;
  for (const layer of chain.layers) {
    if (layer.kind === 'pool') {
      const output = pool2d(current, layer.options);
      traces.push({ input: current, output });
      current = output;
      continue;
    }
    const { weights, bias } = overrides?.get(layer.kernelCellId) ?? layer;
    const preActivation = conv2d(current, broadcastKernel(weights, current.shape[0] ?? 1), {
      ...layer.options,
      bias: [...bias],
    });
    const output = applyActivation(layer.activation, preActivation, layer.activationOptions);
    traces.push({ input: current, preActivation, output });
    current = output;
  }
  const { loss, gradient } = evaluateLoss(current, chain.loss);
  return { traces, prediction: current, loss, gradient };
}

export interface KernelGradient {
  readonly weights: Tensor;
  readonly bias: Float32Array;
}

export interface BackwardResult {
  /** dL/d(chain input). */
  readonly input: Tensor;
  /** dL/dW and dL/db per kernel cell, summed over every layer that uses it. */
  readonly kernels: ReadonlyMap<string, KernelGradient>;
  /** dL/d(pre-activation map) per conv layer index — what each weight's per-position contributions multiply. */
  readonly preActivationGradients: ReadonlyMap<number, Tensor>;
}

/** Backpropagation from the loss through every layer, in reverse; gradients of shared kernels accumulate. */
export function backwardChain(
  chain: BackpropChain,
  forward: ForwardResult,
  overrides?: WeightOverrides,
): BackwardResult {
  const kernels = new Map<string, KernelGradient>();
  const preActivationGradients = new Map<number, Tensor>();
  let gradient = forward.gradient;
  for (let index = chain.layers.length - 1; index >= 0; index--) {
    const layer = chain.layers[index] as ChainLayer;
    const trace = forward.traces[index] as LayerTrace;
    if (layer.kind === 'pool') {
      gradient = pool2dBackward(trace.input, gradient, layer.options);
      continue;
    }
    const preActivation = trace.preActivation ?? trace.output;
    const gradPre = activationGradient(layer.activation, preActivation, gradient, layer.activationOptions);
    preActivationGradients.set(index, gradPre);
    const { weights } = overrides?.get(layer.kernelCellId) ?? layer;
    const { dx, dw, db } = conv2dBackward(
      trace.input,
      broadcastKernel(weights, trace.input.shape[0] ?? 1),
      gradPre,
      layer.options,
    );
    const foldedDw = foldBroadcastGradient(dw, weights);
    const previous = kernels.get(layer.kernelCellId);
    kernels.set(layer.kernelCellId, {
      weights: previous ? addTensors(previous.weights, foldedDw) : foldedDw,
      bias: previous ? previous.bias.map((v, i) => v + (db.data[i] ?? 0)) : Float32Array.from(db.data),
    });
    gradient = dx;
  }
  return { input: gradient, kernels, preActivationGradients };
}

/** The adjoint of broadcastKernel: a broadcast weight's gradient is the sum over the channels it was copied to. */
function foldBroadcastGradient(dw: Tensor, weights: Tensor): Tensor {
  if (dw.size === weights.size) return dw;
  const [outChannels = 1, channels = 1, kh = 1, kw = 1] = dw.shape;
  const plane = kh * kw;
  const folded = new Float32Array(weights.size);
  for (let o = 0; o < outChannels; o++) {
    for (let c = 0; c < channels; c++) {
      for (let k = 0; k < plane; k++) {
        folded[o * plane + k] = (folded[o * plane + k] ?? 0) + (dw.data[(o * channels + c) * plane + k] ?? 0);
      }
    }
  }
  return new Tensor(weights.shape, folded);
}

function addTensors(a: Tensor, b: Tensor): Tensor {
  return new Tensor(
    a.shape,
    a.data.map((v, i) => v + (b.data[i] ?? 0)),
  );
}

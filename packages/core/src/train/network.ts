import type { Random } from '../random';
import { ConvLayer } from './conv-layer';
import { DenseLayer, FlattenLayer } from './dense-layer';
import { type InitName, initWeights } from './init';
import type { Layer, LayerParams, LayerSpec } from './layers';
import { type OptimizerOptions, optimizerStep, ParameterState } from './optimizers';
import { MaxPoolLayer } from './pool-layer';
import { type BatchLoss, softmaxCrossEntropyBatch } from './softmax-batch';

/**
 * A sequence of layers ending in class scores, trained by softmax cross-entropy against integer labels.
 * Every buffer — activations, gradients, optimizer moments, scratch — is allocated here, once, for the
 * largest batch; a training step allocates nothing. Fill `input` with a batch, then `trainStep` or `forward`.
 */
export class Network {
  readonly layers: readonly Layer[];
  readonly maxBatch: number;
  readonly inputShape: readonly number[];
  readonly classes: number;
  /** activations[0] is the input batch; activations[i + 1] is layer i's output. */
  private readonly activations: Float32Array[];
  private readonly gradients: Float32Array[];
  private readonly states: Map<Float32Array, ParameterState>;
  private readonly probabilities: Float32Array;
  /** Optimizer steps taken so far (Adam's bias correction). */
  step = 0;

  constructor(inputShape: readonly number[], specs: readonly LayerSpec[], maxBatch: number) {
    const layers: Layer[] = [];
    let shape = inputShape;
    for (const spec of specs) {
      const layer = makeLayer(spec, shape, maxBatch);
      layers.push(layer);
      shape = layer.outShape;
    }
    if (shape.length !== 1) {
      throw new RangeError(
        `the network must end in class scores [classes]; it ends in [${shape.join(', ')}]`,
      );
    }
    this.layers = layers;
    this.maxBatch = maxBatch;
    this.inputShape = inputShape;
    this.classes = shape[0] as number;
    const sizes = [inputShape, ...layers.map((l) => l.outShape)].map((s) => s.reduce((a, b) => a * b, 1));
    this.activations = sizes.map((n) => new Float32Array(n * maxBatch));
    this.gradients = sizes.map((n) => new Float32Array(n * maxBatch));
    this.states = new Map();
    for (const p of this.parameters()) {
      this.states.set(p.weights, new ParameterState(p.weights.length));
      this.states.set(p.bias, new ParameterState(p.bias.length));
    }
    this.probabilities = new Float32Array(maxBatch * this.classes);
  }

  /** The input batch buffer [maxBatch × input size]; write examples into it before a step. */
  get input(): Float32Array {
    return this.activations[0] as Float32Array;
  }

  get inputSize(): number {
    return this.inputShape.reduce((a, b) => a * b, 1);
  }

  parameters(): LayerParams[] {
    return this.layers.flatMap((l) => (l.params === undefined ? [] : [l.params]));
  }

  /** Seeded initial weights for every layer: He for layers followed by ReLU, else the given init. */
  initialize(random: Random, init: (params: LayerParams) => InitName): void {
    for (const p of this.parameters()) {
      initWeights(p.weights, init(p), p.fanIn, p.fanOut, random);
      p.bias.fill(0);
    }
  }

  /** Runs the batch in `input` forward; returns the class scores [batch × classes] (a view, reused). */
  forward(batch: number): Float32Array {
    this.checkBatch(batch);
    for (const [i, layer] of this.layers.entries()) {
      layer.forward(this.activations[i] as Float32Array, this.activations[i + 1] as Float32Array, batch);
    }
    return (this.activations[this.layers.length] as Float32Array).subarray(0, batch * this.classes);
  }

  /** The output of layer `index` for the last forward pass, [batch × its size] (a view, reused). */
  layerOutput(index: number, batch: number): Float32Array {
    const layer = this.layers[index] as Layer;
    const n = layer.outShape.reduce((a, b) => a * b, 1);
    return (this.activations[index + 1] as Float32Array).subarray(0, batch * n);
  }

  /** Loss and correct count of the batch in `input`, without touching the weights; fills probabilities. */
  evaluate(labels: ArrayLike<number>, batch: number): BatchLoss & { readonly probabilities: Float32Array } {
    const logits = this.forward(batch);
    const result = softmaxCrossEntropyBatch(logits, labels, batch, this.classes, null, this.probabilities);
    return { ...result, probabilities: this.probabilities.subarray(0, batch * this.classes) };
  }

  /** Forward, backward and one optimizer update on the batch in `input`; layers in `frozen` keep their weights. */
  trainStep(
    labels: ArrayLike<number>,
    batch: number,
    optimizer: OptimizerOptions,
    frozen?: ReadonlySet<string>,
  ): BatchLoss {
    const result = this.computeGradients(labels, batch);
    if (!Number.isFinite(result.loss)) return result;
    this.step++;
    for (const p of this.parameters()) {
      if (frozen?.has(p.layerId)) continue;
      optimizerStep(
        p.weights,
        p.gradWeights,
        this.states.get(p.weights) as ParameterState,
        optimizer,
        this.step,
        true,
      );
      optimizerStep(
        p.bias,
        p.gradBias,
        this.states.get(p.bias) as ParameterState,
        optimizer,
        this.step,
        false,
      );
    }
    return result;
  }

  /** Forward and backward: fills every layer's gradWeights/gradBias with dL/dθ of the batch's mean loss. */
  computeGradients(labels: ArrayLike<number>, batch: number): BatchLoss {
    const logits = this.forward(batch);
    const last = this.layers.length;
    const result = softmaxCrossEntropyBatch(
      logits,
      labels,
      batch,
      this.classes,
      this.gradients[last] as Float32Array,
    );
    if (!Number.isFinite(result.loss)) return result;
    for (const p of this.parameters()) {
      p.gradWeights.fill(0);
      p.gradBias.fill(0);
    }
    for (let i = last - 1; i >= 0; i--) {
      const layer = this.layers[i] as Layer;
      layer.backward(
        this.activations[i] as Float32Array,
        this.activations[i + 1] as Float32Array,
        this.gradients[i + 1] as Float32Array,
        i === 0 ? null : (this.gradients[i] as Float32Array),
        batch,
      );
    }
    return result;
  }

  /** Forgets optimizer moments and the step count (a fresh run on the same weights). */
  resetOptimizer(): void {
    this.step = 0;
    for (const state of this.states.values()) {
      state.first.fill(0);
      state.second.fill(0);
    }
  }

  private checkBatch(batch: number): void {
    if (!Number.isInteger(batch) || batch < 1 || batch > this.maxBatch) {
      throw new RangeError(`batch ${batch} must be an integer from 1 to ${this.maxBatch}`);
    }
  }
}

function makeLayer(spec: LayerSpec, inShape: readonly number[], maxBatch: number): Layer {
  switch (spec.kind) {
    case 'conv':
      if (inShape.length !== 3)
        throw new RangeError(`conv "${spec.id}" needs a [C, H, W] input, got [${inShape.join(', ')}]`);
      return new ConvLayer(spec, inShape, maxBatch);
    case 'pool':
      if (inShape.length !== 3)
        throw new RangeError(`pool "${spec.id}" needs a [C, H, W] input, got [${inShape.join(', ')}]`);
      return new MaxPoolLayer(spec, inShape, maxBatch);
    case 'flatten':
      return new FlattenLayer(spec, inShape);
    case 'dense':
      return new DenseLayer(spec, inShape);
  }
}

import type { Random } from '../random';
import type { TrainConvAlgorithm } from './conv-layer';
import { type InitName, initWeights } from './init';
import { type Layer, type LayerParams, type LayerSpec, NativeBuffers } from './layers';
import { makeLayer } from './make-layer';
import { type OptimizerOptions, optimizerStep, ParameterState } from './optimizers';
import { GradientTotal, gradientShards, type ShardLoss, shardOf } from './shards';
import { type BatchLoss, softmaxCrossEntropyBatch } from './softmax-batch';
import { NativeSoftmaxLoss } from './softmax-native';

export interface NetworkOptions {
  /** How conv layers run on the WASM kernels (conv-layer.ts); 'auto' unless a benchmark compares. */
  readonly convAlgorithm?: TrainConvAlgorithm;
}

/**
 * A sequence of layers ending in class scores, trained by softmax cross-entropy against integer labels.
 * Every buffer — activations, gradients, optimizer moments, scratch — is allocated here, once, for the
 * largest batch; a training step allocates nothing. Fill `input` with a batch, then `trainStep` or `forward`.
 * On the WASM kernels every layer also keeps its WASM blocks (network.dispose() gives them back; a
 * network that is simply dropped has them freed by the garbage collector).
 */
export class Network {
  readonly layers: readonly Layer[];
  readonly maxBatch: number;
  readonly inputShape: readonly number[];
  readonly classes: number;
  /** What it was built from: enough for another thread to build the same network (parallel-gradients.ts). */
  readonly specs: readonly LayerSpec[];
  /** activations[0] is the input batch; activations[i + 1] is layer i's output. */
  private readonly activations: Float32Array[];
  private readonly gradients: Float32Array[];
  private readonly states: Map<Float32Array, ParameterState>;
  private readonly probabilities: Float32Array;
  /** Per-example element counts of activations[i]. */
  private readonly sizes: readonly number[];
  private readonly gradientTotal: GradientTotal;
  /** Views of activations and gradients from one shard's first example, by shard start (made once). */
  private readonly shardViews = new Map<number, { activations: Float32Array[]; gradients: Float32Array[] }>();
  private readonly loss: NativeBuffers<NativeSoftmaxLoss>;
  /** Optimizer steps taken so far (Adam's bias correction). */
  step = 0;

  constructor(
    inputShape: readonly number[],
    specs: readonly LayerSpec[],
    maxBatch: number,
    options: NetworkOptions = {},
  ) {
    const layers: Layer[] = [];
    let shape = inputShape;
    for (const spec of specs) {
      const layer = makeLayer(spec, shape, maxBatch, options.convAlgorithm ?? 'auto');
      layers.push(layer);
      shape = layer.outShape;
    }
    if (shape.length !== 1) {
      throw new RangeError(
        `the network must end in class scores [classes]; it ends in [${shape.join(', ')}]`,
      );
    }
    this.layers = layers;
    this.specs = specs;
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
    this.sizes = sizes;
    this.gradientTotal = new GradientTotal(this.parameters());
    const classes = this.classes;
    this.loss = new NativeBuffers((ws) => new NativeSoftmaxLoss(ws, classes, maxBatch));
  }

  /** Gives back the WASM memory of every layer; the network stays usable (it takes them again). */
  dispose(): void {
    for (const layer of this.layers) layer.dispose?.();
    this.loss.dispose();
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
    if (Number.isFinite(result.loss)) this.applyUpdate(optimizer, frozen);
    return result;
  }

  /** One optimizer step from the gradients in every layer's gradWeights/gradBias. */
  applyUpdate(optimizer: OptimizerOptions, frozen?: ReadonlySet<string>): void {
    this.step++;
    for (const p of this.parameters()) {
      if (frozen?.has(p.layerId)) continue;
      const weightState = this.states.get(p.weights) as ParameterState;
      optimizerStep(p.weights, p.gradWeights, weightState, optimizer, this.step, true);
      optimizerStep(
        p.bias,
        p.gradBias,
        this.states.get(p.bias) as ParameterState,
        optimizer,
        this.step,
        false,
      );
    }
  }

  /**
   * Forward and backward: fills every layer's gradWeights/gradBias with dL/dθ of the batch's mean loss.
   * The batch is cut into fixed shards (shards.ts) whose gradients are summed in shard order, so a second
   * thread computing one shard (parallel-gradients.ts) gives bit-for-bit the same numbers as this.
   */
  computeGradients(labels: ArrayLike<number>, batch: number): BatchLoss {
    this.checkBatch(batch);
    const parts = gradientShards(batch);
    let loss = 0;
    let correct = 0;
    for (const [index, shard] of parts.entries()) {
      const part = this.shardGradients(labels, shard.from, shard.count, batch);
      loss += part.lossSum;
      correct += part.correct;
      if (!Number.isFinite(part.lossSum)) return { loss: part.lossSum, correct };
      if (parts.length > 1) this.gradientTotal.accumulate(this.parameters(), index === 0);
    }
    if (parts.length > 1) this.gradientTotal.writeBack(this.parameters());
    return { loss: loss / batch, correct };
  }

  /**
   * The gradient of one shard, examples [from, from + count) of the batch in `input`, scaled for the
   * mean over `batch` examples; overwrites gradWeights/gradBias. Returns the shard's summed loss.
   */
  shardGradients(labels: ArrayLike<number>, from: number, count: number, batch: number): ShardLoss {
    const { activations, gradients } = this.viewsFrom(from);
    for (const [i, layer] of this.layers.entries())
      layer.forward(activations[i] as Float32Array, activations[i + 1] as Float32Array, count);
    const last = this.layers.length;
    const result = this.shardLoss(
      labels,
      from,
      count,
      batch,
      activations[last] as Float32Array,
      gradients[last] as Float32Array,
    );
    if (!Number.isFinite(result.lossSum)) return result;
    for (const p of this.parameters()) {
      p.gradWeights.fill(0);
      p.gradBias.fill(0);
    }
    for (let i = last - 1; i >= 0; i--) {
      (this.layers[i] as Layer).backward(
        activations[i] as Float32Array,
        activations[i + 1] as Float32Array,
        gradients[i + 1] as Float32Array,
        i === 0 ? null : (gradients[i] as Float32Array),
        count,
      );
    }
    return result;
  }

  /** The shard's summed loss and dL/dlogits: one WASM call when the kernels are loaded. */
  private shardLoss(
    labels: ArrayLike<number>,
    from: number,
    count: number,
    batch: number,
    logits: Float32Array,
    gradLogits: Float32Array,
  ): ShardLoss {
    const shardLabels = shardOf(labels, from, count);
    const native = this.loss.get();
    if (native !== undefined) return native.run(logits, shardLabels, count, batch, gradLogits);
    const result = softmaxCrossEntropyBatch(
      logits,
      shardLabels,
      count,
      this.classes,
      gradLogits,
      undefined,
      batch,
    );
    return { lossSum: result.loss * count, correct: result.correct };
  }

  /** Every activation and gradient buffer from example `from` on; cached, so a step makes no views. */
  private viewsFrom(from: number): { activations: Float32Array[]; gradients: Float32Array[] } {
    let views = this.shardViews.get(from);
    if (views === undefined) {
      const at = (buffers: Float32Array[]) =>
        buffers.map((b, i) => b.subarray(from * (this.sizes[i] as number)));
      views = { activations: at(this.activations), gradients: at(this.gradients) };
      this.shardViews.set(from, views);
    }
    return views;
  }

  /**
   * After `shardGradients` of the first shard here, adds the packed gradient (packGradients order) of
   * the second shard computed elsewhere, in the same order `computeGradients` sums them.
   */
  addShardGradients(packed: Float32Array): void {
    const params = this.parameters();
    this.gradientTotal.accumulate(params, true);
    this.gradientTotal.accumulatePacked(packed);
    this.gradientTotal.writeBack(params);
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

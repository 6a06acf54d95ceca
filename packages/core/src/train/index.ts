// Training: trainable layers on batches in reusable buffers, the batch loss, optimizers and seeded init.

export type { ConvLayerSpec } from './conv-layer';
export { denseBackward, denseForward } from './dense';
export type { DenseLayerSpec, FlattenLayerSpec } from './dense-layer';
export { DIGITS_CNN_INPUT, DIGITS_CNN_LAYERS } from './digits-cnn';
export { type InitName, initWeights } from './init';
export type { Layer, LayerActivation, LayerParams, LayerSpec } from './layers';
export { Network } from './network';
export { type OptimizerName, type OptimizerOptions, optimizerStep, ParameterState } from './optimizers';
export {
  type GradientHelper,
  type NetworkBlueprint,
  parallelTrainStep,
  runShardJob,
  runTrainJob,
  type ShardJob,
  type ShardResult,
  type TrainJob,
} from './parallel-gradients';
export { openParallelTrainer, type ParallelTrainer } from './parallel-trainer';
export type { PoolLayerSpec } from './pool-layer';
export { gradientShards, type Shard } from './shards';
export { canShareMemory } from './shared-step';
export { type BatchLoss, softmaxCrossEntropyBatch } from './softmax-batch';

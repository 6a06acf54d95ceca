// Training: trainable layers on batches in reusable buffers, the batch loss, optimizers and seeded init.
export { denseBackward, denseForward } from './dense';
export { type InitName, initWeights } from './init';
export type {
  ConvLayerSpec,
  DenseLayerSpec,
  FlattenLayerSpec,
  Layer,
  LayerActivation,
  LayerParams,
  LayerSpec,
  PoolLayerSpec,
} from './layers';
export { Network } from './network';
export { type OptimizerName, type OptimizerOptions, optimizerStep, ParameterState } from './optimizers';
export { type BatchLoss, softmaxCrossEntropyBatch } from './softmax-batch';

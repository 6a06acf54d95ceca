// @convbook/core — the public API. Named re-exports only; files inside the package import each other directly.

export {
  type ActivationName,
  type ActivationOptions,
  activationGradient,
  activationNames,
  applyActivation,
  applyActivationInPlace,
  identity,
  leakyRelu,
  relu,
  sigmoid,
  tanh,
} from './activations';
export { at } from './at';
export { getKernels, setKernels } from './backend/active-kernels';
export type { ComputeKernels, ConvGeometry, GemmGeometry, PoolGeometry } from './backend/kernels';
export type { TensorDevice } from './backend/tensor-device';
export type { HeapStats } from './backend/wasm-heap';
export {
  type AxisPair,
  conv2dOutputSize,
  effectiveKernelSize,
  type OutputSize,
  type Padding,
  type PaddingMode,
  type Pads,
  resolveAxisPair,
} from './conv-options';
export { type Conv2dGradients, type Conv2dOptions, conv2d, conv2dBackward } from './conv2d';
export {
  allocateCopy,
  allocateFloats,
  copyAheadLater,
  type FloatAllocator,
  isShared,
  readyStorage,
  setFloatStorage,
} from './float-storage';
export {
  gaussianKernel,
  gaussianKernel1d,
  type KernelPreset,
  type KernelPresetName,
  kernelPresets,
  presetKernel,
  randomKernel,
} from './kernels';
export {
  fullyConnectedStats,
  type LayerSpec,
  type LayerStats,
  layerStats,
  type OpCounts,
  type Shape3,
  type StackStats,
  type StackTotals,
  stackStats,
} from './layer-arithmetic';
export { LENET5_INPUT, LENET5_LAYERS } from './lenet5';
export {
  type CrossEntropyResult,
  type LossOptions,
  type LossResult,
  meanSquaredError,
  type Reduction,
  softmaxCrossEntropy,
} from './losses';
export {
  type Colour,
  type DivergingColours,
  divergingWords,
  grayWords,
  type PixelSampling,
  planeRanges,
  type ValueRange,
  type WordsTarget,
} from './map-pixels';
export { type MatmulOptions, matmul } from './matmul';
export { type ActivationAfter, conv2dThenActivation } from './parallel/activation-after';
export { type ConvJob, type ConvJobResult, runConvJob } from './parallel/conv-job';
export { conv2dParallel } from './parallel/conv2d-parallel';
export {
  convMultiplyAdds,
  createParallelConv,
  DEFAULT_SPLIT_THRESHOLD,
  type ParallelConv,
} from './parallel/parallel-conv';
export {
  createWebWorkerPool,
  type MessageEndpoint,
  type SpawnedWorker,
  serveConvJobs,
  serveTrainJobs,
} from './parallel/web-worker-pool';
export {
  createWorkerPool,
  type JobReply,
  serveJobs,
  type WorkerPool,
  type WorkerPort,
} from './parallel/worker-pool';
export {
  knownPlaneRanges,
  mergeRanges,
  planeValues,
  readTriples,
  rememberPlaneRanges,
  writeTriples,
} from './plane-ranges';
export { pool2dOutputSize } from './pool-call';
export {
  type Pool2dOptions,
  pool2d,
  pool2dBackward,
  pool2dRecorded,
  type RecordedPool,
} from './pool2d';
export { createRandom, type Random } from './random';
export { ready } from './ready';
export {
  type Box,
  clipReceptiveBox,
  type ReceptiveFieldInfo,
  type ReceptiveLayer,
  receptiveField,
  receptiveFieldBox,
} from './receptive-field';
export { formatShape, ShapeError } from './shape-errors';
export { findPeaks, type Peak, type PeakOptions, type SignalLike, smooth1d } from './signal';
export { type NestedNumbers, shapeSize, Tensor, tensor } from './tensor';
export {
  type BatchLoss,
  type ConvLayerSpec,
  canShareMemory,
  type DenseLayerSpec,
  DIGITS_CNN_INPUT,
  DIGITS_CNN_LAYERS,
  denseBackward,
  denseForward,
  type FlattenLayerSpec,
  type GradientHelper,
  gradientShards,
  type InitName,
  initWeights,
  type Layer,
  type LayerActivation,
  type LayerParams,
  type LayerSpec as TrainLayerSpec,
  Network,
  type NetworkBlueprint,
  type OptimizerName,
  type OptimizerOptions,
  openParallelTrainer,
  optimizerStep,
  type ParallelTrainer,
  ParameterState,
  type PoolLayerSpec,
  parallelTrainStep,
  runShardJob,
  runTrainJob,
  type Shard,
  type ShardJob,
  type ShardResult,
  softmaxCrossEntropyBatch,
  type TrainJob,
} from './train/index';
export {
  type ConvTap,
  type ConvUnitBreakdown,
  type ConvUnitOptions,
  explainConvUnit,
  explainPoolUnit,
  type PoolUnitBreakdown,
  type WindowBox,
  type WindowCell,
} from './unit-breakdown';
export { fromWasm, toWasm, wasmMemoryStats, wasmScope } from './wasm-memory';

import type { LayerSpec } from './layers';
import type { Network } from './network';
import type { OptimizerOptions } from './optimizers';
import { gradientLength, gradientShards, packGradients, packWeights, shardOf, unpackWeights } from './shards';
import { networkFor, runSharedSteps } from './shared-helper';
import type { SharedStepJob } from './shared-step';
import type { BatchLoss } from './softmax-batch';

/**
 * Data-parallel training on two threads: this thread computes the gradient of the batch's first shard
 * while a helper (a worker with its own copy of the network) computes the second from the same weights;
 * the two are added in shard order and this thread applies the update. Because Network.computeGradients
 * sums the same shards in the same order, the weights are bit-for-bit those of one thread.
 */
export interface NetworkBlueprint {
  readonly inputShape: readonly number[];
  readonly specs: readonly LayerSpec[];
  readonly maxBatch: number;
}

/** One shard, as posted to the helper: plain arrays, structured-clone friendly. */
export interface ShardJob {
  readonly type: 'shard-gradients';
  readonly blueprint: NetworkBlueprint;
  /** Every weight and bias, packWeights order. */
  readonly weights: Float32Array;
  /** The shard's examples [count × input size] and labels. */
  readonly input: Float32Array;
  readonly labels: Uint8Array;
  readonly count: number;
  /** The whole batch's size: the gradient is of the mean over it. */
  readonly batch: number;
}

export interface ShardResult {
  readonly lossSum: number;
  readonly correct: number;
  /** packGradients order. */
  readonly gradients: Float32Array;
}

/** Anything that runs a job on another thread and resolves with its result (a WorkerPool does). */
export interface GradientHelper {
  run(job: unknown, transfer?: ArrayBuffer[]): Promise<unknown>;
}

export async function parallelTrainStep(
  network: Network,
  helper: GradientHelper,
  labels: ArrayLike<number>,
  batch: number,
  optimizer: OptimizerOptions,
  frozen?: ReadonlySet<string>,
): Promise<BatchLoss> {
  const shards = gradientShards(batch);
  const [local, remote] = shards;
  if (local === undefined || remote === undefined) return network.trainStep(labels, batch, optimizer, frozen);
  const params = network.parameters();
  const inSize = network.inputSize;
  const job: ShardJob = {
    type: 'shard-gradients',
    blueprint: { inputShape: network.inputShape, specs: network.specs, maxBatch: network.maxBatch },
    weights: packWeights(params, new Float32Array(gradientLength(params))),
    input: network.input.slice(remote.from * inSize, (remote.from + remote.count) * inSize),
    labels: Uint8Array.from(shardOf(labels, remote.from, remote.count) as ArrayLike<number>),
    count: remote.count,
    batch,
  };
  const far = helper.run(job, [job.weights.buffer as ArrayBuffer, job.input.buffer as ArrayBuffer]);
  const near = network.shardGradients(labels, local.from, local.count, batch);
  const other = (await far) as ShardResult;
  const loss = (near.lossSum + other.lossSum) / batch;
  const correct = near.correct + other.correct;
  if (!Number.isFinite(loss)) return { loss, correct };
  network.addShardGradients(other.gradients);
  network.applyUpdate(optimizer, frozen);
  return { loss, correct };
}

/** The helper's side: one network per blueprint, built on first use and reused for every shard. */
export function runShardJob(job: ShardJob): { result: ShardResult; transfer: ArrayBuffer[] } {
  const network = networkFor(job.blueprint);
  const params = network.parameters();
  unpackWeights(params, job.weights);
  network.input.set(job.input);
  const { lossSum, correct } = network.shardGradients(job.labels, 0, job.count, job.batch);
  const gradients = packGradients(params, job.weights);
  return { result: { lossSum, correct, gradients }, transfer: [gradients.buffer as ArrayBuffer] };
}

/** Every job a training helper serves: one shard by message, or a run of steps over shared memory. */
export type TrainJob = ShardJob | SharedStepJob;

export function runTrainJob(job: TrainJob): { result: unknown; transfer: ArrayBuffer[] } {
  return job.type === 'shared-steps' ? runSharedSteps(job) : runShardJob(job);
}

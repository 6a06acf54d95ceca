import { HelperChooser } from './helper-chooser';
import type { Network } from './network';
import type { OptimizerOptions } from './optimizers';
import { type GradientHelper, parallelTrainStep } from './parallel-gradients';
import { gradientShards } from './shards';
import { SharedMemoryTrainer } from './shared-memory-trainer';
import { canShareMemory } from './shared-step';
import type { BatchLoss } from './softmax-batch';

/**
 * Training steps on two threads for one run: this thread computes each batch's first shard while the
 * helper computes the second, and the update is applied here. Every step gives the weights of
 * `network.trainStep` bit for bit, whoever computed which shard (shards.ts).
 *
 * With shared memory (Node; a cross-origin-isolated page) a step is synchronous: weights and examples go
 * into a SharedArrayBuffer, the helper wakes on Atomics.notify and the result comes back the same way.
 * Without it (a page served without COOP/COEP) each step is one message round trip (parallelTrainStep).
 */
export interface ParallelTrainer {
  /** 'shared-memory' or 'messages': how the two threads meet each step. */
  readonly mode: 'shared-memory' | 'messages';
  /** Steps whose second shard the helper computed (the rest this thread computed itself). */
  readonly helpedSteps: number;
  readonly steps: number;
  step(
    labels: ArrayLike<number>,
    batch: number,
    optimizer: OptimizerOptions,
    frozen?: ReadonlySet<string>,
  ): BatchLoss | Promise<BatchLoss>;
  /**
   * How many of the `count` examples in `network.input` the network classifies right (labels alike),
   * the helper scoring the second half when it can. Overwrites the input buffer.
   */
  correctCount(labels: Uint8Array, count: number): number;
  /** Lets the helper go (it serves other runs' jobs again). */
  close(): void;
}

export interface TrainerOptions {
  /** Share memory when this thread can (the default), or always pass messages. */
  readonly shareMemory?: boolean;
  /** How long to wait for a helper that claimed a shard before computing it here (it hung or died). */
  readonly patienceMs?: number;
  /**
   * Step alone in phases where that measured faster (the default), or always ask the helper (benches of
   * the two-thread step itself).
   */
  readonly adaptive?: boolean;
}

export function openParallelTrainer(
  network: Network,
  helper: GradientHelper,
  { shareMemory = true, patienceMs = 4_000, adaptive = true }: TrainerOptions = {},
): ParallelTrainer {
  const chooser = adaptive ? new HelperChooser() : undefined;
  return shareMemory && canShareMemory()
    ? new SharedMemoryTrainer(network, helper, patienceMs, chooser)
    : new MessageTrainer(network, helper, chooser);
}

class MessageTrainer implements ParallelTrainer {
  readonly mode = 'messages';
  steps = 0;
  helpedSteps = 0;
  constructor(
    private readonly network: Network,
    private readonly helper: GradientHelper,
    /** A message round trip per step costs more than it saves on a busy machine (helper-chooser.ts). */
    private readonly chooser: HelperChooser | undefined,
  ) {}

  async step(
    labels: ArrayLike<number>,
    batch: number,
    optimizer: OptimizerOptions,
    frozen?: ReadonlySet<string>,
  ) {
    const network = this.network;
    if (gradientShards(batch).length < 2) return network.trainStep(labels, batch, optimizer, frozen);
    this.steps++;
    const started = performance.now();
    const mode = this.chooser?.next ?? 'helper';
    const result =
      mode === 'alone'
        ? network.trainStep(labels, batch, optimizer, frozen)
        : await parallelTrainStep(network, this.helper, labels, batch, optimizer, frozen);
    if (mode === 'helper') this.helpedSteps++;
    this.chooser?.record(performance.now() - started, mode === 'helper');
    return result;
  }

  /** A message round trip costs more than scoring a few examples here. */
  correctCount(labels: Uint8Array, count: number): number {
    return this.network.evaluate(labels, count).correct;
  }

  close(): void {}
}

import { getKernels } from '../backend/active-kernels';
import type { HelperChooser } from './helper-chooser';
import type { Network } from './network';
import type { OptimizerOptions } from './optimizers';
import type { GradientHelper } from './parallel-gradients';
import type { ParallelTrainer } from './parallel-trainer';
import { gradientShards, packGradients, packWeights, type Shard } from './shards';
import { Mode, type SharedStepJob, SharedStepMemory, State, Word } from './shared-step';
import type { BatchLoss } from './softmax-batch';

/** How long this thread polls for the helper's half before it sleeps: about one half of a digits step. */
const POLL_MS = 2;

/**
 * The shared-memory side of openParallelTrainer: a step is synchronous. The weights and the second
 * shard's examples go into a SharedArrayBuffer, the helper wakes on Atomics.notify, and this thread
 * computes the first shard meanwhile, then takes the helper's gradient from the buffer, or computes the
 * second shard itself when the helper has not claimed it (shared-step.ts).
 */
export class SharedMemoryTrainer implements ParallelTrainer {
  readonly mode = 'shared-memory';
  steps = 0;
  helpedSteps = 0;
  private memory: SharedStepMemory;
  /** This thread's first-shard gradient, kept while it computes the second shard itself. */
  private readonly own: Float32Array;

  constructor(
    private readonly network: Network,
    private readonly helper: GradientHelper,
    private readonly patienceMs: number,
    /** Whether the helper speeds steps up on this machine right now (helper-chooser.ts). */
    private readonly chooser: HelperChooser | undefined,
  ) {
    this.memory = this.newMemory();
    this.own = new Float32Array(this.memory.weights.length);
  }

  step(labels: ArrayLike<number>, batch: number, optimizer: OptimizerOptions, frozen?: ReadonlySet<string>) {
    const network = this.network;
    if (gradientShards(batch).length < 2) return network.trainStep(labels, batch, optimizer, frozen);
    this.steps++;
    const started = performance.now();
    const helpedBefore = this.helpedSteps;
    const result =
      this.chooser?.next === 'alone'
        ? network.trainStep(labels, batch, optimizer, frozen)
        : this.stepWithHelper(labels, batch, optimizer, frozen);
    this.chooser?.record(performance.now() - started, this.helpedSteps > helpedBefore);
    return result;
  }

  private stepWithHelper(
    labels: ArrayLike<number>,
    batch: number,
    optimizer: OptimizerOptions,
    frozen?: ReadonlySet<string>,
  ): BatchLoss {
    const network = this.network;
    const [near, far] = gradientShards(batch) as [Shard, Shard];
    this.post(Mode.Gradients, labels, batch, far.from, far.count);
    const first = network.shardGradients(labels, near.from, near.count, batch);
    const second = this.settle()
      ? this.helped(true)
      : this.secondShardHere(labels, batch, far.from, far.count);
    const loss = (first.lossSum + second.lossSum) / batch;
    const correct = first.correct + second.correct;
    if (Number.isFinite(loss)) network.applyUpdate(optimizer, frozen);
    return { loss, correct };
  }

  correctCount(labels: Uint8Array, count: number): number {
    const network = this.network;
    const half = Math.ceil(count / 2);
    if (count - half === 0) return network.evaluate(labels, count).correct;
    this.post(Mode.Score, labels, count, half, count - half);
    const first = network.evaluate(labels, half).correct;
    if (this.settle()) return first + this.helped(false).correct;
    const size = network.inputSize;
    network.input.copyWithin(0, half * size, count * size);
    const second = network.evaluate(labels.subarray(half), count - half).correct;
    this.memory.swap(State.Taken, State.Idle);
    return first + second;
  }

  close(): void {
    this.memory.set(State.Stop);
  }

  /** Writes the weights and examples [from, from + count), then posts them (starting the helper if it left). */
  private post(mode: number, labels: ArrayLike<number>, batch: number, from: number, count: number): void {
    const { memory, network } = this;
    const size = network.inputSize;
    packWeights(network.parameters(), memory.weights);
    memory.input.set(network.input.subarray(from * size, (from + count) * size));
    for (let i = 0; i < count; i++) memory.labels[i] = labels[from + i] as number;
    memory.control[Word.Mode] = mode;
    memory.control[Word.Count] = count;
    memory.control[Word.Batch] = batch;
    const before = memory.swap(State.Idle, State.Posted);
    if (before === State.Detached) {
      memory.set(State.Posted);
      this.attach();
    } else Atomics.notify(memory.control, Word.State);
  }

  /**
   * Whether the helper computed the posted job: true once it is done; false if this thread claimed it
   * first (state Taken), or if the helper claimed it and never finished (then a fresh buffer is used).
   */
  private settle(): boolean {
    const memory = this.memory;
    if (memory.swap(State.Posted, State.Taken) === State.Posted) return false;
    const deadline = Date.now() + this.patienceMs;
    for (let state = memory.state(); state === State.Claimed; state = memory.state()) {
      if (Date.now() > deadline && memory.swap(State.Claimed, State.Abandoned) === State.Claimed) {
        this.newMemory();
        return false;
      }
      if (!memory.pollWhile(State.Claimed, POLL_MS)) memory.waitWhile(State.Claimed, 100);
    }
    return true;
  }

  /** The helper's result; with `gradients`, its shard gradient is added to this thread's. */
  private helped(gradients: boolean): { lossSum: number; correct: number } {
    const memory = this.memory;
    const result = { lossSum: memory.lossSum[0] as number, correct: memory.control[Word.Correct] as number };
    if (gradients && Number.isFinite(result.lossSum)) this.network.addShardGradients(memory.gradients);
    memory.swap(State.Done, State.Idle);
    if (gradients) this.helpedSteps++;
    return result;
  }

  private secondShardHere(labels: ArrayLike<number>, batch: number, from: number, count: number) {
    const network = this.network;
    packGradients(network.parameters(), this.own);
    const result = network.shardGradients(labels, from, count, batch);
    // Adds the first shard to the second: float addition commutes, so this is the one-thread sum.
    if (Number.isFinite(result.lossSum)) network.addShardGradients(this.own);
    this.memory.swap(State.Taken, State.Idle);
    return result;
  }

  private newMemory(): SharedStepMemory {
    const { network } = this;
    const memory = SharedStepMemory.create(network.parameters(), network.maxBatch, network.inputSize);
    memory.control[Word.State] = State.Detached;
    this.memory = memory;
    return memory;
  }

  /** Hands the buffer to the helper; it serves steps on it until Stop, or until it has been idle a while. */
  private attach(): void {
    const job: SharedStepJob = {
      type: 'shared-steps',
      blueprint: {
        inputShape: this.network.inputShape,
        specs: this.network.specs,
        maxBatch: this.network.maxBatch,
      },
      buffer: this.memory.buffer,
      kernels: getKernels().name,
    };
    // A failed or closed helper only means this thread computes every shard; nothing to report.
    this.helper.run(job).catch(() => undefined);
  }
}

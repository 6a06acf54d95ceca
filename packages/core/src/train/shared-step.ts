import type { LayerParams } from './layers';
import type { NetworkBlueprint } from './parallel-gradients';
import { gradientLength } from './shards';

/**
 * The memory two threads share for one training run, and the little protocol on it. The training thread
 * writes the weights and the second shard's examples, then posts; the helper claims the shard, computes
 * its gradient into `gradients` and marks it done. Whoever claims a posted shard first computes it (a
 * compare-and-swap), so a helper that is slow to wake, busy or gone never stalls training: the training
 * thread computes the shard itself, and the sum is the same either way (shards.ts).
 *
 * The step barrier is Atomics.wait/notify on one word: no event-loop round trip and no copy of weights
 * or gradients through structured clone.
 */
export const State = {
  /** Nothing posted; the training thread owns every region. */
  Idle: 0,
  /** A shard is posted: the helper may claim it. */
  Posted: 1,
  /** The helper is computing it. */
  Claimed: 2,
  /** The helper wrote the gradient, the loss sum and the correct count. */
  Done: 3,
  /** The training thread claimed its own post (it computes the shard). */
  Taken: 4,
  /** The run ended: the helper leaves. */
  Stop: 5,
  /** The helper left after a quiet spell; the next post must start it again. */
  Detached: 6,
  /** The training thread gave up waiting (the helper hung or died): a late helper must not report. */
  Abandoned: 7,
} as const;

/** Indices into the Int32 control words. */
export const Word = { State: 0, Count: 1, Batch: 2, Correct: 3, Mode: 4 } as const;

/** What a posted job asks: a shard's gradient, or only its loss and correct count (scoring). */
export const Mode = { Gradients: 0, Score: 1 } as const;

export interface SharedStepJob {
  readonly type: 'shared-steps';
  readonly blueprint: NetworkBlueprint;
  readonly buffer: SharedArrayBuffer;
  /**
   * The training thread's kernels (getKernels().name). The WASM and reference kernels may round a
   * gradient an ulp apart, so a helper with other kernels declines and this thread computes every shard.
   */
  readonly kernels: string;
}

/** Typed views of one run's shared buffer. */
export class SharedStepMemory {
  readonly buffer: SharedArrayBuffer;
  readonly control: Int32Array;
  /** [0]: the helper shard's summed loss. */
  readonly lossSum: Float64Array;
  /** packWeights order. */
  readonly weights: Float32Array;
  /** packGradients order. */
  readonly gradients: Float32Array;
  readonly input: Float32Array;
  readonly labels: Uint8Array;

  constructor(buffer: SharedArrayBuffer, parameterCount: number, maxBatch: number, inputSize: number) {
    this.buffer = buffer;
    const control = 8 * 4;
    const floats = 4 * parameterCount;
    const inputAt = control + 8 + 2 * floats;
    this.control = new Int32Array(buffer, 0, 8);
    this.lossSum = new Float64Array(buffer, control, 1);
    this.weights = new Float32Array(buffer, control + 8, parameterCount);
    this.gradients = new Float32Array(buffer, control + 8 + floats, parameterCount);
    this.input = new Float32Array(buffer, inputAt, maxBatch * inputSize);
    this.labels = new Uint8Array(buffer, inputAt + 4 * maxBatch * inputSize, maxBatch);
  }

  static bytes(parameterCount: number, maxBatch: number, inputSize: number): number {
    return 8 * 4 + 8 + 2 * 4 * parameterCount + 4 * maxBatch * inputSize + maxBatch;
  }

  static create(params: readonly LayerParams[], maxBatch: number, inputSize: number): SharedStepMemory {
    const count = gradientLength(params);
    const buffer = new SharedArrayBuffer(SharedStepMemory.bytes(count, maxBatch, inputSize));
    return new SharedStepMemory(buffer, count, maxBatch, inputSize);
  }

  state(): number {
    return Atomics.load(this.control, Word.State);
  }

  /** Moves the state from `from` to `to` if it is `from`; returns what it was. */
  swap(from: number, to: number): number {
    return Atomics.compareExchange(this.control, Word.State, from, to);
  }

  set(to: number): void {
    Atomics.store(this.control, Word.State, to);
    Atomics.notify(this.control, Word.State);
  }

  /** Sleeps while the state is `current`, at most `ms`; returns whether it timed out. */
  waitWhile(current: number, ms: number): boolean {
    return Atomics.wait(this.control, Word.State, current, ms) === 'timed-out';
  }

  /**
   * Polls while the state is `current`, at most `ms`; returns whether it changed. Steps come every few
   * milliseconds, and waking a thread that sleeps in Atomics.wait costs the operating system (and on a
   * virtual machine the hypervisor) tens to hundreds of microseconds each way: a short poll first keeps
   * both threads on their cores across the barrier.
   */
  pollWhile(current: number, ms: number): boolean {
    const until = performance.now() + ms;
    for (let i = 1; ; i++) {
      if (Atomics.load(this.control, Word.State) !== current) return true;
      if (i % 64 === 0 && performance.now() > until) return false;
    }
  }
}

/**
 * Whether this thread can share memory with a helper and block on it: SharedArrayBuffer exists (a browser
 * page must be cross-origin isolated for that) and Atomics.wait is allowed here (not on a page's main thread).
 */
export function canShareMemory(): boolean {
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics?.wait !== 'function') return false;
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return false;
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

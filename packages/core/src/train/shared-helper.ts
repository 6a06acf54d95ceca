import { getKernels } from '../backend/active-kernels';
import { Network } from './network';
import type { NetworkBlueprint } from './parallel-gradients';
import { gradientLength, packGradients, unpackWeights } from './shards';
import { Mode, type SharedStepJob, SharedStepMemory, State, Word } from './shared-step';

/**
 * The helper's side of a shared-memory training run (parallel-trainer.ts): blocks on the shared state
 * word, claims each posted shard, computes its gradient from the weights in the buffer and marks it
 * done. Returns when the run stops, when the training thread gave up on it, or after a quiet spell (so a
 * run that paused, say to score the test split, does not hold the worker from other jobs for long).
 */
const IDLE_MS = 1_000;
/** How long the helper polls for the next post before it sleeps: a step's update takes well under this. */
const POLL_MS = 1;

export function runSharedSteps(job: SharedStepJob): { result: { steps: number }; transfer: ArrayBuffer[] } {
  if (getKernels().name !== job.kernels) return { result: { steps: 0 }, transfer: [] };
  const network = networkFor(job.blueprint);
  const params = network.parameters();
  const memory = new SharedStepMemory(
    job.buffer,
    gradientLength(params),
    network.maxBatch,
    network.inputSize,
  );
  let steps = 0;
  for (;;) {
    const state = memory.state();
    if (state === State.Stop || state === State.Abandoned || state === State.Detached) break;
    if (state === State.Posted) {
      if (memory.swap(State.Posted, State.Claimed) !== State.Posted) continue;
      computeShard(network, memory);
      if (memory.swap(State.Claimed, State.Done) !== State.Claimed) break;
      Atomics.notify(memory.control, Word.State);
      steps++;
      continue;
    }
    if (memory.pollWhile(state, POLL_MS)) continue;
    const timedOut = memory.waitWhile(state, IDLE_MS);
    if (timedOut && state === State.Idle && memory.swap(State.Idle, State.Detached) === State.Idle) break;
  }
  return { result: { steps }, transfer: [] };
}

function computeShard(network: Network, memory: SharedStepMemory): void {
  const params = network.parameters();
  const count = memory.control[Word.Count] as number;
  const batch = memory.control[Word.Batch] as number;
  unpackWeights(params, memory.weights);
  network.input.set(memory.input.subarray(0, count * network.inputSize));
  if (memory.control[Word.Mode] === Mode.Score) {
    const scored = network.evaluate(memory.labels, count);
    memory.lossSum[0] = scored.loss * count;
    memory.control[Word.Correct] = scored.correct;
    return;
  }
  const { lossSum, correct } = network.shardGradients(memory.labels, 0, count, batch);
  memory.lossSum[0] = lossSum;
  memory.control[Word.Correct] = correct;
  if (Number.isFinite(lossSum)) packGradients(params, memory.gradients);
}

/** One network per blueprint, built on first use and reused for every run with the same layers. */
let cached: { key: string; network: Network } | undefined;

export function networkFor(blueprint: NetworkBlueprint): Network {
  const key = JSON.stringify(blueprint);
  if (cached?.key !== key) {
    cached = { key, network: new Network(blueprint.inputShape, blueprint.specs, blueprint.maxBatch) };
  }
  return cached.network;
}

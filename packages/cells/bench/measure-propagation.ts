import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { BenchGraph } from './graphs';
import type { PropagationTarget } from './propagation-target';

/**
 * Edit-to-settled timing, interleaved: each round edits every runtime once, in turn, so drift in machine
 * load (two shared cores) lands on all of them alike. Between edits, untimed, the event loop gets a turn:
 * Observable queues a setImmediate per redefinition, and letting those run keeps them out of the next
 * timed edit. Every edit sets a value the head has not held before, so none is skipped as a no-op.
 */
export async function timeEdits(
  targets: readonly PropagationTarget[],
  { warmup, edits }: { readonly warmup: number; readonly edits: number },
): Promise<number[][]> {
  const samples = targets.map(() => [] as number[]);
  let value = 1;
  for (let round = 0; round < warmup + edits; round++) {
    for (const [index, target] of targets.entries()) {
      const start = performance.now();
      await target.edit(value++);
      const elapsed = performance.now() - start;
      if (round >= warmup) samples[index]?.push(elapsed);
      await nextTurn();
    }
  }
  return samples;
}

/** Sets the head to `head` and throws unless every sink then holds what the graph says it must. */
export async function checkPropagation(target: PropagationTarget, graph: BenchGraph, head: number) {
  await target.edit(head);
  const expected = graph.expected(head);
  const wrong = target.sinkValues().filter((value) => value !== expected);
  if (wrong.length > 0) {
    throw new Error(
      `${target.runtime} ${graph.name}: head ${head} should give ${expected} in every sink, got ${wrong.join(', ')}`,
    );
  }
}

/** Heap in use after a full collection, before and after `edits` edits: what a long session keeps. */
export async function heapGrowth(
  target: PropagationTarget,
  edits: number,
): Promise<{ beforeBytes: number; afterBytes: number }> {
  const collect = garbageCollector();
  collect();
  const beforeBytes = process.memoryUsage().heapUsed;
  for (let edit = 0; edit < edits; edit++) {
    await target.edit(1e6 + edit); // a fresh value each time, so none is a no-op
    await nextTurn();
  }
  collect();
  return { beforeBytes, afterBytes: process.memoryUsage().heapUsed };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

// gc() without asking for --expose-gc on the command line: the flag is set at run time and the function
// picked up from a fresh context, where V8 installs it.
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  const collect: unknown = runInNewContext('gc');
  if (typeof collect !== 'function') throw new Error('could not get gc() from V8');
  return () => {
    collect();
    collect();
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Timing that is fair between contenders: one warm-up each, then rounds in which every contender runs
 * once, in turn, so drift in machine load (two shared cores) lands on all of them alike. Reports medians.
 */

export interface Contender {
  readonly name: string;
  /** Untimed setup for one run (upload tensors, pick a backend); returns the timed work. */
  prepare(): Promise<() => void> | (() => void);
  /** Untimed cleanup after one run. */
  cleanup?(): void;
}

export interface Timing {
  readonly name: string;
  readonly medianMs: number;
  /** The fastest run: what the code does when the shared machine leaves it alone. */
  readonly bestMs: number;
  readonly runs: number;
}

export interface MeasureOptions {
  /** Rounds at least, and stop adding rounds once this much wall time has gone (whichever is later). */
  readonly minRounds?: number;
  readonly maxRounds?: number;
  readonly budgetMs?: number;
}

export async function measureInterleaved(
  contenders: readonly Contender[],
  { minRounds = 5, maxRounds = 25, budgetMs = 1500 }: MeasureOptions = {},
): Promise<Timing[]> {
  const samples = contenders.map(() => [] as number[]);
  for (const contender of contenders) await runOnce(contender); // warm-up: JIT, wasm tiers, buffers
  const started = performance.now();
  for (let round = 0; round < maxRounds; round++) {
    if (round >= minRounds && performance.now() - started > budgetMs) break;
    for (const [index, contender] of contenders.entries()) samples[index]?.push(await runOnce(contender));
  }
  return contenders.map((contender, index) => {
    const times = samples[index] ?? [];
    return { name: contender.name, medianMs: median(times), bestMs: Math.min(...times), runs: times.length };
  });
}

async function runOnce(contender: Contender): Promise<number> {
  const work = await contender.prepare();
  const start = performance.now();
  work();
  const elapsed = performance.now() - start;
  contender.cleanup?.();
  return elapsed;
}

/** Like measureInterleaved, for work that is itself asynchronous (worker round trips). */
export async function measureAsyncInterleaved(
  contenders: readonly { name: string; run(): Promise<unknown> }[],
  { minRounds = 5, maxRounds = 25, budgetMs = 2000 }: MeasureOptions = {},
): Promise<Timing[]> {
  const samples = contenders.map(() => [] as number[]);
  for (const contender of contenders) await contender.run();
  const started = performance.now();
  for (let round = 0; round < maxRounds; round++) {
    if (round >= minRounds && performance.now() - started > budgetMs) break;
    for (const [index, contender] of contenders.entries()) {
      const start = performance.now();
      await contender.run();
      samples[index]?.push(performance.now() - start);
    }
  }
  return contenders.map((contender, index) => {
    const times = samples[index] ?? [];
    return { name: contender.name, medianMs: median(times), bestMs: Math.min(...times), runs: times.length };
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * A contender whose inputs are put in WASM memory in the untimed prepare step and freed after, just as
 * a tfjs contender uploads its input tensors before each timed run (which also leaves them in cache).
 */
export function residentContender(
  name: string,
  inputs: () => readonly Disposable[],
  work: (inputs: readonly Disposable[]) => void,
): Contender {
  let live: readonly Disposable[] = [];
  return {
    name,
    prepare() {
      live = inputs();
      return () => work(live);
    },
    cleanup() {
      for (const t of live) t.dispose();
      live = [];
    },
  };
}

interface Disposable {
  dispose(): void;
}

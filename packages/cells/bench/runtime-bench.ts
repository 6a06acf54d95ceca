// `pnpm --filter @convbook/cells bench` (and `pnpm bench`): the reactive runtime's own overhead, side by
// side with @observablehq/runtime on the same graphs. Not a test: it checks one propagation per graph and
// runtime, then reports. Writes its section into /work/main/BENCHMARKS.md (the repository root).
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeBenchmarksBlock } from './benchmarks-block';
import { convbookTarget } from './convbook-target';
import { type BenchGraph, chainGraph, latticeGraph } from './graphs';
import { checkPropagation, heapGrowth, median, timeEdits } from './measure-propagation';
import { observableTarget } from './observable-target';
import type { PropagationTarget, Watching } from './propagation-target';

const EDITS = Number(process.env.BENCH_EDITS ?? 200);
const WARMUP = 50;
const HEAP_EDITS = Number(process.env.BENCH_HEAP_EDITS ?? 10_000);
const BENCHMARKS = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
/** Convbook first, Observable last: the ratio column divides by the last. */
const RUNTIMES = [convbookTarget, observableTarget];

interface Timing {
  readonly runtime: string;
  readonly medianMs: number;
  readonly bestMs: number;
}

interface CaseResult {
  readonly graph: BenchGraph;
  readonly watching: Watching;
  readonly timings: readonly Timing[];
}

async function open(graph: BenchGraph, watching: Watching): Promise<PropagationTarget[]> {
  const targets: PropagationTarget[] = [];
  for (const openTarget of RUNTIMES) targets.push(await openTarget(graph, watching));
  return targets;
}

async function benchCase(graph: BenchGraph, watching: Watching): Promise<CaseResult> {
  const targets = await open(graph, watching);
  for (const target of targets) await checkPropagation(target, graph, 12_345);
  const samples = await timeEdits(targets, { warmup: WARMUP, edits: EDITS });
  for (const target of targets) await checkPropagation(target, graph, -7);
  for (const target of targets) target.dispose();
  const timings = targets.map((target, index) => {
    const times = samples[index] ?? [];
    return { runtime: target.runtime, medianMs: median(times), bestMs: Math.min(...times) };
  });
  for (const { runtime, medianMs } of timings) {
    const perCell = microsPerCell(medianMs, graph);
    console.log(
      `${graph.name}, watching ${watching}, ${runtime}: ${medianMs.toFixed(3)} ms, ${perCell} µs/cell`,
    );
  }
  return { graph, watching, timings };
}

async function benchHeap(graph: BenchGraph, watching: Watching): Promise<string[]> {
  const rows: string[] = [];
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  for (const target of await open(graph, watching)) {
    await checkPropagation(target, graph, 1);
    const { beforeBytes, afterBytes } = await heapGrowth(target, HEAP_EDITS);
    await checkPropagation(target, graph, 2);
    target.dispose();
    rows.push(
      `| ${target.runtime} | ${mib(beforeBytes)} | ${mib(afterBytes)} | ${mib(afterBytes - beforeBytes)} |`,
    );
    console.log(`heap, ${graph.name}, ${target.runtime}: ${mib(beforeBytes)} → ${mib(afterBytes)} MiB`);
  }
  return rows;
}

const microsPerCell = (ms: number, graph: BenchGraph) => ((ms * 1000) / graph.nodes.length).toFixed(2);

function timingRows(results: readonly CaseResult[]): string[] {
  const rows: string[] = [];
  for (const { graph, watching, timings } of results) {
    const baseline = timings.at(-1);
    for (const { runtime, medianMs, bestMs } of timings) {
      const ratio = baseline === undefined ? 'n/a' : `${(medianMs / baseline.medianMs).toFixed(2)}×`;
      const cells = [graph.name, watching, runtime, medianMs.toFixed(3), microsPerCell(medianMs, graph)];
      rows.push(`| ${[...cells, bestMs.toFixed(3), ratio].join(' | ')} |`);
    }
  }
  return rows;
}

function describeRun(load: string, seconds: string): string {
  return [
    'packages/cells/bench/runtime-bench.ts. Each graph is a head cell and 1,000 cells downstream of it whose',
    'compute is trivial (one more than its input, or than the mean of its two), so what is timed is the',
    'runtime itself. The chain is 1,000 cells in a row; the lattice is 100 layers of 10, each cell reading two',
    'cells of the layer before. An edit sets the head, so all 1,001 cells recompute; it is timed until every',
    'cell holds its new value (Convbook: `setParams`, then `await whenIdle()`; Observable: redefine the head,',
    '`_computeNow()`, until the sinks\' observers are fulfilled). Watching "sinks": Convbook has no',
    'subscribers, Observable observes the last cells (it computes nothing unobserved); "every cell": every',
    'cell has a subscriber (`state$(id)`) or observer, as in a notebook on screen. Before and after timing,',
    'each runtime must give the expected final values.',
    `Median of ${EDITS} edits each after ${WARMUP} of warm-up, the runtimes taking turns; Node ${process.version},`,
    `${availableParallelism()} cores, load average ${load} at start; ${seconds} s. ÷ Observable: below 1× is faster.`,
  ].join(' ');
}

async function main(): Promise<void> {
  const started = performance.now();
  const load = loadavg()[0]?.toFixed(2) ?? '?';
  const results: CaseResult[] = [];
  for (const watching of ['sinks', 'every cell'] as const) {
    for (const graph of [chainGraph(), latticeGraph()]) results.push(await benchCase(graph, watching));
  }
  const heapRows = await benchHeap(chainGraph(), 'every cell');
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const markdown = [
    '## Reactive runtime: one edit through 1,000 cells',
    '',
    describeRun(load, seconds),
    '',
    '| graph | watching | runtime | median ms per edit | µs per cell | fastest ms | ÷ Observable |',
    '| :-- | :-- | :-- | --: | --: | --: | --: |',
    ...timingRows(results),
    '',
    `Heap in use after a full garbage collection, before and after ${HEAP_EDITS.toLocaleString('en')} edits`,
    'of the chain with every cell watched. Growth would be a leak: states, versions or subscriptions kept',
    'per edit.',
    '',
    '| runtime | before MiB | after MiB | growth MiB |',
    '| :-- | --: | --: | --: |',
    ...heapRows,
  ].join('\n');
  writeBenchmarksBlock(BENCHMARKS, 'runtime-bench', markdown);
  console.log(`\nwrote the runtime section of ${BENCHMARKS} (${seconds} s)`);
}

await main();

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
import type { PropagationTarget } from './propagation-target';

const EDITS = Number(process.env.BENCH_EDITS ?? 200);
const WARMUP = 50;
const HEAP_EDITS = Number(process.env.BENCH_HEAP_EDITS ?? 10_000);
const BENCHMARKS = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));

interface GraphResult {
  readonly graph: BenchGraph;
  /** Per runtime, in the order of `runtimes`: median and fastest edit, ms. */
  readonly timings: readonly {
    readonly runtime: string;
    readonly medianMs: number;
    readonly bestMs: number;
  }[];
}

const runtimes = [convbookTarget, observableTarget];

async function benchGraph(graph: BenchGraph): Promise<GraphResult> {
  const targets: PropagationTarget[] = [];
  for (const open of runtimes) targets.push(await open(graph));
  for (const target of targets) await checkPropagation(target, graph, 12_345);
  const samples = await timeEdits(targets, { warmup: WARMUP, edits: EDITS });
  for (const target of targets) await checkPropagation(target, graph, -7);
  for (const target of targets) target.dispose();
  return {
    graph,
    timings: targets.map((target, index) => ({
      runtime: target.runtime,
      medianMs: median(samples[index] ?? []),
      bestMs: Math.min(...(samples[index] ?? [])),
    })),
  };
}

async function benchHeap(graph: BenchGraph): Promise<string[][]> {
  const rows: string[][] = [];
  for (const open of runtimes) {
    const target = await open(graph);
    await checkPropagation(target, graph, 1);
    const { beforeBytes, afterBytes } = await heapGrowth(target, HEAP_EDITS);
    await checkPropagation(target, graph, 2);
    target.dispose();
    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
    rows.push([target.runtime, mib(beforeBytes), mib(afterBytes), `${mib(afterBytes - beforeBytes)} MiB`]);
    console.log(`heap, ${graph.name}, ${target.runtime}: ${mib(beforeBytes)} → ${mib(afterBytes)} MiB`);
  }
  return rows;
}

const microsPerCell = (ms: number, graph: BenchGraph) => ((ms * 1000) / graph.nodes.length).toFixed(2);

function timingTable(results: readonly GraphResult[]): string[] {
  const lines = [
    '| graph | cells recomputed | runtime | median ms per edit | µs per cell | fastest ms | ÷ Observable |',
    '| :-- | --: | :-- | --: | --: | --: | --: |',
  ];
  for (const { graph, timings } of results) {
    const observable = timings.find((t) => t.runtime === 'Observable');
    for (const timing of timings) {
      const ratio =
        observable === undefined ? 'n/a' : `${(timing.medianMs / observable.medianMs).toFixed(2)}×`;
      lines.push(
        `| ${graph.name} | ${graph.nodes.length} | ${timing.runtime} | ${timing.medianMs.toFixed(3)} | ` +
          `${microsPerCell(timing.medianMs, graph)} | ${timing.bestMs.toFixed(3)} | ${ratio} |`,
      );
    }
  }
  return lines;
}

async function main(): Promise<void> {
  const started = performance.now();
  const load = loadavg()[0]?.toFixed(2) ?? '?';
  const results: GraphResult[] = [];
  for (const graph of [chainGraph(), latticeGraph()]) {
    const result = await benchGraph(graph);
    results.push(result);
    for (const { runtime, medianMs } of result.timings) {
      console.log(
        `${graph.name}, ${runtime}: ${medianMs.toFixed(3)} ms, ${microsPerCell(medianMs, graph)} µs/cell`,
      );
    }
  }
  const heapRows = await benchHeap(chainGraph());
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const markdown = [
    '## Reactive runtime: one edit through 1,000 cells',
    '',
    'packages/cells/bench/runtime-bench.ts. Each graph is a head cell plus 1,000 cells downstream, whose compute ' +
      "is trivial (one more than the input, or than the mean of two), so the time is the runtime's own: " +
      'the chain is 1,000 cells in a row; the lattice is 100 layers of 10, each cell reading two cells of the ' +
      'layer before. One edit sets the head and recomputes all 1,001 cells; it is timed from the edit until ' +
      'every cell has its new value (Convbook: `setParams` then `await whenIdle()`; Observable: redefining ' +
      "the head, `_computeNow()`, and the sinks' observers fulfilled). Before timing, each runtime is checked " +
      `to give the expected final values. Median of ${EDITS} edits per runtime after ${WARMUP} warm-up, ` +
      `interleaved; Node ${process.version}, ${availableParallelism()} cores, load average ${load} at start; ` +
      `${seconds} s.`,
    '',
    ...timingTable(results),
    '',
    `Heap in use after a full garbage collection, before and after ${HEAP_EDITS.toLocaleString('en')} edits ` +
      'of the chain (growth here would be a leak: states or subscriptions kept per edit).',
    '',
    '| runtime | before MiB | after MiB | growth |',
    '| :-- | --: | --: | --: |',
    ...heapRows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
  writeBenchmarksBlock(BENCHMARKS, 'runtime-bench', markdown);
  console.log(`\nwrote the runtime section of ${BENCHMARKS} (${seconds} s)`);
}

await main();

// `pnpm bench`: measures convbook's kernels against TensorFlow.js and writes /work/main/BENCHMARKS.md
// (the repository root). Not a test: it asserts nothing, it reports. Aim: under three minutes.
import { fileURLToPath } from 'node:url';
import { getKernels } from '../src/backend/active-kernels';
import { ready } from '../src/ready';
import { backwardSection, forwardSection } from './conv-sections';
import { describeMachine } from './machine';
import { parallelSection } from './parallel-section';
import { poolSection } from './pool-section';
import { type BenchSection, printSection, writeBenchmarks } from './report';
import { initTfjs } from './tfjs';

/**
 * The sections, in report order. To add one (runtime propagation, browser edit-to-paint, ...), write a
 * function returning a BenchSection in its own file under bench/ and list it here.
 */
const forwardMs = new Map<string, number>();
const SECTIONS: readonly (() => Promise<BenchSection>)[] = [
  () => forwardSection(forwardMs),
  () => backwardSection(forwardMs),
  poolSection,
  parallelSection,
];

async function main(): Promise<void> {
  const started = performance.now();
  await ready();
  const machine = describeMachine();
  console.log(`convbook kernels: ${getKernels().name}\n${machine}`);
  await initTfjs();
  const sections: BenchSection[] = [];
  for (const produce of SECTIONS) {
    const section = await produce();
    printSection(section);
    sections.push(section);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const summary = `convbook kernels: \`${getKernels().name}\`. Whole run: ${seconds} s.`;
  const target = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
  writeBenchmarks(target, machine, summary, sections);
  console.log(`\nwrote ${target} (${seconds} s)`);
}

await main();

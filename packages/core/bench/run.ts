// `pnpm bench`: measures convbook's kernels against TensorFlow.js and writes /work/main/BENCHMARKS.md
// (the repository root). Not a test: it asserts nothing, it reports. Aim: under three minutes.
import { fileURLToPath } from 'node:url';
import { getKernels } from '../src/backend/active-kernels';
import { ready } from '../src/ready';
import { algorithmSection } from './algorithm-section';
import { chainSection } from './chain-section';
import { colourSection } from './colour-section';
import { backwardSection, forwardSection } from './conv-sections';
import { goalSection } from './goals';
import { describeMachine } from './machine';
import { matmulSection } from './matmul-section';
import { parallelEditSection } from './parallel-edit-section';
import { parallelSection } from './parallel-section';
import { poolSection } from './pool-section';
import { type BenchSection, printSection, writeBenchmarks } from './report';
import { initTfjs } from './tfjs';
import { trainSection } from './train-section';

/**
 * The sections, in report order. To add one (runtime propagation, browser edit-to-paint, ...), write a
 * function returning a BenchSection in its own file under bench/ and list it here.
 */
const forwardMs = new Map<string, number>();
const SECTIONS: Readonly<Record<string, () => Promise<BenchSection>>> = {
  forward: () => forwardSection(forwardMs),
  backward: () => backwardSection(forwardMs),
  algorithm: algorithmSection,
  pool: poolSection,
  matmul: matmulSection,
  chain: chainSection,
  colour: colourSection,
  parallel: parallelSection,
  'parallel-edit': parallelEditSection,
  train: trainSection,
};

/** `pnpm bench -- --only pool,matmul` runs some sections and prints them without rewriting the file. */
function chosenSections(): string[] {
  const at = process.argv.indexOf('--only');
  if (at < 0) return Object.keys(SECTIONS);
  const names = (process.argv[at + 1] ?? '').split(',').filter((name) => name in SECTIONS);
  if (names.length === 0) throw new Error(`--only takes some of: ${Object.keys(SECTIONS).join(', ')}`);
  return names;
}

async function main(): Promise<void> {
  const started = performance.now();
  await ready();
  const machine = describeMachine();
  console.log(`convbook kernels: ${getKernels().name}\n${machine}`);
  await initTfjs();
  const names = chosenSections();
  const sections: BenchSection[] = [];
  for (const name of names) {
    const section = await (SECTIONS[name] as () => Promise<BenchSection>)();
    printSection(section);
    sections.push(section);
  }
  const goals = goalSection();
  printSection(goals);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  if (names.length < Object.keys(SECTIONS).length) return; // a partial run leaves the file alone
  const summary = `convbook kernels: \`${getKernels().name}\`. Whole run: ${seconds} s.`;
  const target = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
  writeBenchmarks(target, machine, summary, [goals, ...sections]);
  console.log(`\nwrote ${target} (${seconds} s)`);
}

await main();

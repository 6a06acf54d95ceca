import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { exampleNotebooks, fuzzRuns, fuzzTimeout } from '../testing/arbitraries';
import { loadOrRefuse } from '../testing/load-outcome';
import { applyMutations, mutation } from '../testing/notebook-mutations';
import { main } from './main';

/**
 * The runner on malformed files: exit code 2, one stderr line per problem the loader reports (in plain
 * words, ending with the problem's JSON path in brackets), nothing on stdout, and no output directory created — a refused notebook leaves no half output.
 */

vi.setConfig({ testTimeout: fuzzTimeout() });

const workDir = mkdtempSync(join(tmpdir(), 'convbook-cli-fuzz-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

async function runFile(
  contents: string | Uint8Array,
): Promise<{ code: number; stdout: string[]; stderr: string[]; outDir: string }> {
  const file = join(workDir, 'notebook.json');
  const outDir = join(workDir, 'out');
  writeFileSync(file, contents);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(['run', file, '--out', outDir], {
    cwd: workDir,
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
  });
  return { code, stdout, stderr, outDir };
}

/** Runs a file the loader refuses and checks the runner says exactly what the loader says. */
async function expectRefused(text: string): Promise<void> {
  const outcome = loadOrRefuse(text);
  if (outcome.status !== 'refused') return;
  const run = await runFile(text);
  expect(run.code).toBe(2);
  expect(run.stdout).toEqual([]);
  const problems = outcome.error.problems;
  expect(run.stderr).toHaveLength(problems.length);
  for (const [i, problem] of problems.entries()) {
    const line = run.stderr[i] ?? '';
    if (problem.path !== '') expect(line.endsWith(`  [${problem.path}]`)).toBe(true);
    expect(line).not.toMatch(/^cells\[/); // the words come first, the path is only a detail
  }
  expect(existsSync(run.outDir)).toBe(false);
}

describe('convbook run on malformed files', () => {
  const examples = exampleNotebooks();

  it('exits 2 with the loader’s problems for mutated examples', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...examples),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async ({ value }, mutations) => {
          await expectRefused(JSON.stringify(applyMutations(value, mutations)) ?? '');
        },
      ),
      { numRuns: fuzzRuns(100, 0.002) },
    );
  });

  it('exits 2 for truncated files, empty files and arbitrary text', async () => {
    const text = JSON.stringify(examples[0]?.value);
    const source = fc.oneof(
      fc.nat({ max: text.length - 1 }).map((cut) => text.slice(0, cut)),
      fc.string(),
      fc.constant(''),
    );
    await fc.assert(
      fc.asyncProperty(source, async (contents) => {
        await expectRefused(contents);
      }),
      { numRuns: fuzzRuns(60, 0.002) },
    );
  });

  it('exits 2 for bytes that are not UTF-8, naming where the JSON broke', async () => {
    const run = await runFile(Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d));
    expect(run.code).toBe(2);
    expect(run.stderr).toHaveLength(1);
    expect(run.stderr[0]).toMatch(/^The notebook: not valid JSON at line 1, column \d+: /);
    expect(existsSync(run.outDir)).toBe(false);
  });

  it('exits 2 when the notebook path is a directory', async () => {
    const stderr: string[] = [];
    const code = await main(['run', workDir], {
      cwd: workDir,
      stdout: () => {},
      stderr: (l) => stderr.push(l),
    });
    expect(code).toBe(2);
    expect(stderr[0]).toContain(`convbook: cannot read ${workDir}`);
  });
});

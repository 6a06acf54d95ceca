import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, extname, resolve } from 'node:path';
import { createParallelConv, ready } from '@convbook/core';
import { createNodeTrainPool, createNodeWorkerPool } from '@convbook/core/node';
import { OutputError } from './output-dir';
import { type RunResult, runNotebook } from './run-notebook';

/**
 * `convbook run <notebook.json> [--out DIR] [--values]`. Relative paths resolve against the directory the
 * user typed the command in: through `pnpm convbook` the process runs inside packages/cells, and pnpm
 * passes the original directory as INIT_CWD.
 */
export const USAGE = `Usage: convbook run <notebook.json> [--out DIR] [--values] [--memory-budget SIZE] [--threads N]

Computes every cell of a Convbook notebook without a browser.
  --out DIR   where to write <cellId>.png and summary.json (default: ./convbook-out/<notebook name>);
              a name another file already has gets ~2 before its extension, and the run says so
  --values    also write <cellId>.json with every cell's value: tensors as { "shape", "data" },
              stats tables, losses, readouts and training results in full
  --memory-budget SIZE
              bytes all cells' values may hold together, as in the app (default 1G); 512M, 4G, or a
              number of megabytes. A cell that would pass it fails alone, saying what it needs
  --threads N 1 computes everything on one thread; 2 (the default on a machine with two cores or more)
              lets big convs and training use a second core. Same numbers either way
  --help      print this help

Exit codes: 0 every cell computed, 1 some cell failed, 2 the document (or the command line) is invalid,
3 the output could not be written (the path is a file, the disk is full or read-only).`;

export interface CliIo {
  readonly cwd: string;
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
}

type ParsedArgs =
  | { readonly command: 'help' }
  | {
      readonly command: 'run';
      readonly notebook: string;
      readonly out?: string;
      readonly values: boolean;
      readonly memoryBudget?: number;
      readonly threads?: 1 | 2;
    }
  | { readonly command: 'invalid'; readonly message: string };

export function parseArgs(args: readonly string[]): ParsedArgs {
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) return { command: 'help' };
  const [command, ...rest] = args;
  if (command !== 'run') return { command: 'invalid', message: `unknown command "${command}"` };
  let notebook: string | undefined;
  let out: string | undefined;
  let values = false;
  let memoryBudget: number | undefined;
  let threads: 1 | 2 | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--values') values = true;
    else if (arg === '--memory-budget') {
      memoryBudget = parseSize(rest[++i] ?? '');
      if (memoryBudget === undefined)
        return { command: 'invalid', message: '--memory-budget needs a size such as 512M or 4G' };
    } else if (arg === '--threads') {
      const value = rest[++i];
      if (value !== '1' && value !== '2') return { command: 'invalid', message: '--threads needs 1 or 2' };
      threads = value === '1' ? 1 : 2;
    } else if (arg === '--out') {
      out = rest[++i];
      if (out === undefined || out.trim() === '')
        return { command: 'invalid', message: '--out needs a directory' };
    } else if (arg?.startsWith('--')) return { command: 'invalid', message: `unknown option "${arg}"` };
    else if (notebook === undefined) notebook = arg;
    else return { command: 'invalid', message: `unexpected argument "${arg}"` };
  }
  if (notebook === undefined) return { command: 'invalid', message: 'run needs a notebook file' };
  return {
    command: 'run',
    notebook,
    values,
    ...(out === undefined ? {} : { out }),
    ...(memoryBudget === undefined ? {} : { memoryBudget }),
    ...(threads === undefined ? {} : { threads }),
  };
}

const SIZE_UNITS: Readonly<Record<string, number>> = { K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** "512M", "4G", "1.5g", "300" (megabytes) as bytes; undefined for anything else or for zero. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([KMGT])?B?$/i.exec(text.trim());
  if (match === null) return undefined;
  const bytes = Math.round(Number(match[1]) * (SIZE_UNITS[(match[2] ?? 'M').toUpperCase()] ?? 0));
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (parsed.command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (parsed.command === 'invalid') {
    io.stderr(`convbook: ${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const notebookPath = resolve(io.cwd, parsed.notebook);
  const outDir = resolve(
    io.cwd,
    parsed.out ?? `convbook-out/${basename(notebookPath, extname(notebookPath))}`,
  );
  let text: string;
  try {
    // A byte-order mark is how some editors save UTF-8; the app takes such files, so the runner does too.
    text = (await readFile(notebookPath, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    io.stderr(
      `convbook: cannot read ${notebookPath}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 2;
  }
  // Worker threads start only if some conv is big enough to split or a train cell runs (both lazy).
  const cores = availableParallelism();
  const parallel =
    cores > 1 && parsed.threads !== 1
      ? createParallelConv(() => createNodeWorkerPool(Math.min(cores, 4)), undefined, createNodeTrainPool)
      : undefined;
  await ready(); // the WASM SIMD kernels: many times faster than the reference loops
  let result: RunResult;
  try {
    const { values, memoryBudget } = parsed;
    result = await runNotebook(text, { outDir, values, parallel, memoryBudget });
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    io.stderr(`convbook: ${error.message}`);
    return 3;
  } finally {
    await parallel?.close();
  }
  for (const problem of result.problems) io.stderr(problem);
  for (const note of result.notes ?? []) io.stdout(note);
  if (result.exitCode !== 2) {
    const failed = result.cells.filter((c) => c.status !== 'ok').length;
    io.stdout(`${result.cells.length - failed} of ${result.cells.length} cells computed; wrote ${outDir}`);
  }
  return result.exitCode;
}

import { type ParallelConv, ready, type Tensor } from '@convbook/core';
import { DocumentError } from '../document/document-error';
import { parseNotebook } from '../document/parse-notebook';
import { findCellKind } from '../kinds/registry';
import type { TrainValue } from '../kinds/train/train-value';
import { encodeRenderedPng } from '../render/encode-png';
import { boundedPicture } from '../render/render-budget';
import { renderTensor } from '../render/render-tensor';
import { Notebook } from '../runtime/notebook';
import { type CellSummary, renderableTensor, summarizeCell } from './cell-summary';
import { cellValueJson } from './cell-value-json';
import { OutputDir } from './output-dir';
import { OutputNames, SUMMARY_FILE } from './output-names';
import { cellErrorLines, cellNotComputedLine, documentProblemLine } from './plain-lines';

/**
 * The headless runner: validate a notebook, compute every cell, write a PNG per picture and a summary.
 * A grad cell also writes <cellId>-learned.png (after training) and <cellId>-per-position.png. Exit codes: 0 every cell computed, 1 some cell failed (the rest are still written), 2 the document is invalid.
 */
export interface RunOptions {
  readonly outDir: string;
  /**
   * Also write <cellId>.json for every computed cell: its value as JSON with a `type` (a tensor cell's
   * `shape` and `data` at the top level; stats, losses, readouts and training results in full).
   */
  readonly values?: boolean;
  /** Lets big convs use other cores; the caller closes it. */
  readonly parallel?: ParallelConv | undefined;
  /** Bytes all cells' values may hold together (the Notebook's default, 1 GB, when absent). */
  readonly memoryBudget?: number | undefined;
}

export interface RunResult {
  readonly exitCode: 0 | 1 | 2;
  /** Lines for stderr: validation problems, or one per failed cell. */
  readonly problems: readonly string[];
  readonly cells: readonly CellSummary[];
  /** `<file>: <why>` for each file not written the usual way (a numbered name, a bounded picture). */
  readonly notes?: readonly string[];
}

export async function runNotebook(source: string | unknown, options: RunOptions): Promise<RunResult> {
  // The WASM SIMD kernels, before any cell computes (training is ~10× slower on the reference loops).
  await ready();
  let notebook: Notebook;
  try {
    notebook = Notebook.fromDocument(parseNotebook(source), {
      parallel: options.parallel,
      memoryBudget: options.memoryBudget,
    });
  } catch (error) {
    if (error instanceof DocumentError) {
      const document = typeof source === 'string' ? parseLoosely(source) : source;
      const problems = error.problems.map((p) => documentProblemLine(p, document));
      return { exitCode: 2, problems, cells: [] };
    }
    throw error;
  }
  try {
    await notebook.whenIdle();
    await runDemandCells(notebook);
    const document = notebook.document;
    const states = notebook.states();
    const out = new OutputDir(options.outDir);
    await out.create();
    const names = new OutputNames(document.cells.map((c) => c.id));
    const notes: string[] = [];
    // Big tensors are written as a bounded picture (see render-budget.ts), with a note saying so.
    const writePicture = async (name: string, tensor: Tensor): Promise<void> => {
      const picture = boundedPicture(tensor);
      if (picture.note !== undefined) notes.push(`${name}: ${picture.note}`);
      await out.write(name, encodeRenderedPng(renderTensor(picture.tensor, picture.options)));
    };

    const cells: CellSummary[] = [];
    const problems: string[] = [];
    for (const [index, cell] of document.cells.entries()) {
      const state = states.get(cell.id);
      if (state === undefined) continue;
      const summary = summarizeCell(cell.id, cell.kind, state);
      cells.push(summary);
      if (state.status === 'error' && state.error.upstream === undefined) {
        problems.push(...cellErrorLines(state.error, cell, index));
      } else if (state.status === 'error') {
        problems.push(cellNotComputedLine(cell, index, `${state.error.upstream} above it failed`));
      } else if (state.status !== 'ok') {
        problems.push(cellNotComputedLine(cell, index, summary.error ?? 'it did not finish'));
      }
      if (state.status !== 'ok') continue;
      if (options.values) {
        const json = JSON.stringify(cellValueJson(state.value));
        await out.write(names.values(cell.id), `${json}\n`);
        if (state.value.type === 'train') {
          await out.write(names.extra(cell.id, 'weights', '.json'), learnedWeightsJson(state.value));
        }
      }
      const tensor = renderableTensor(state.value);
      if (tensor === undefined) continue;
      await writePicture(names.picture(cell.id), tensor);
      if (state.value.type === 'grad') {
        const extras = {
          learned: state.value.training?.learnedWeights,
          'per-position': state.value.perPosition,
        };
        for (const [suffix, extra] of Object.entries(extras)) {
          if (extra === undefined) continue;
          await writePicture(names.extra(cell.id, suffix), extra);
        }
      }
    }
    const failed = cells.filter((c) => c.status !== 'ok').length;
    const summary = { title: document.title, ok: cells.length - failed, failed, cells };
    await out.write(SUMMARY_FILE, `${JSON.stringify(summary, null, 2)}\n`);
    return { exitCode: failed === 0 ? 0 : 1, problems, cells, notes: [...names.renamed, ...notes] };
  } finally {
    notebook.dispose();
  }
}

/** `<trainCellId>-weights.json`: per weights cell, its shape, learned weights and bias as plain numbers. */
function learnedWeightsJson(value: TrainValue): string {
  const cells = Object.fromEntries(
    value.weights.map((w) => [
      w.cellId,
      { shape: w.shape, weights: Array.from(w.weights, jsonNumber), bias: Array.from(w.bias, jsonNumber) },
    ]),
  );
  return `${JSON.stringify(cells)}\n`;
}

/** JSON has no NaN or Infinity; write them as null rather than produce an unparsable file. */
function jsonNumber(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** Cells that compute only when asked (training) run once each, in reading order, after the first pass. */
async function runDemandCells(notebook: Notebook): Promise<void> {
  for (const cell of notebook.document.cells) {
    if (findCellKind(cell.kind)?.runsOn !== 'demand') continue;
    notebook.run(cell.id);
    await notebook.whenIdle();
  }
}

/** The document as JSON, only to name cells in problems; a file that is not JSON has none to name. */
function parseLoosely(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

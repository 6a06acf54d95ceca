import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParallelConv } from '@convbook/core';
import { DocumentError } from '../document/document-error';
import { parseNotebook } from '../document/parse-notebook';
import { findCellKind } from '../kinds/registry';
import { encodeRenderedPng } from '../render/encode-png';
import { renderTensor } from '../render/render-tensor';
import { Notebook } from '../runtime/notebook';
import { type CellSummary, renderableTensor, summarizeCell } from './cell-summary';

/**
 * The headless runner: validate a notebook, compute every cell, write a PNG per picture and a summary.
 * A grad cell also writes <cellId>-learned.png (after training) and <cellId>-per-position.png. Exit codes: 0 every cell computed, 1 some cell failed (the rest are still written), 2 the document is invalid.
 */
export interface RunOptions {
  readonly outDir: string;
  /** Also write <cellId>.json = { shape, data } for every tensor value. */
  readonly values?: boolean;
  /** Lets big convs use other cores; the caller closes it. */
  readonly parallel?: ParallelConv;
}

export interface RunResult {
  readonly exitCode: 0 | 1 | 2;
  /** Lines for stderr: validation problems, or one per failed cell. */
  readonly problems: readonly string[];
  readonly cells: readonly CellSummary[];
}

export async function runNotebook(source: string | unknown, options: RunOptions): Promise<RunResult> {
  let notebook: Notebook;
  try {
    notebook = Notebook.fromDocument(parseNotebook(source), { parallel: options.parallel });
  } catch (error) {
    if (error instanceof DocumentError)
      return { exitCode: 2, problems: error.message.split('\n'), cells: [] };
    throw error;
  }
  try {
    await notebook.whenIdle();
    await runDemandCells(notebook);
    const document = notebook.document;
    const states = notebook.states();
    await mkdir(options.outDir, { recursive: true });

    const cells: CellSummary[] = [];
    const problems: string[] = [];
    for (const cell of document.cells) {
      const state = states.get(cell.id);
      if (state === undefined) continue;
      const summary = summarizeCell(cell.id, cell.kind, state);
      cells.push(summary);
      if (state.status === 'error' && state.error.upstream === undefined) {
        problems.push(`${cell.id} (${cell.kind}): ${state.error.message}`);
      } else if (state.status !== 'ok') {
        problems.push(`${cell.id} (${cell.kind}): ${summary.error ?? 'did not finish'}`);
      }
      if (state.status !== 'ok') continue;
      const tensor = renderableTensor(state.value);
      if (tensor === undefined) continue;
      await writeFile(join(options.outDir, `${cell.id}.png`), encodeRenderedPng(renderTensor(tensor)));
      if (state.value.type === 'grad') {
        const extras = {
          learned: state.value.training?.learnedWeights,
          'per-position': state.value.perPosition,
        };
        for (const [suffix, extra] of Object.entries(extras)) {
          if (extra === undefined) continue;
          await writeFile(
            join(options.outDir, `${cell.id}-${suffix}.png`),
            encodeRenderedPng(renderTensor(extra)),
          );
        }
      }
      if (options.values) {
        const json = JSON.stringify({ shape: tensor.shape, data: Array.from(tensor.data, jsonNumber) });
        await writeFile(join(options.outDir, `${cell.id}.json`), `${json}\n`);
      }
    }
    const failed = cells.filter((c) => c.status !== 'ok').length;
    const summary = { title: document.title, ok: cells.length - failed, failed, cells };
    await writeFile(join(options.outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    return { exitCode: failed === 0 ? 0 : 1, problems, cells };
  } finally {
    notebook.dispose();
  }
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

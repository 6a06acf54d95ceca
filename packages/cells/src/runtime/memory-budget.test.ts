import { Tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../cell-value';
import type { CellSpec, NotebookDocument } from '../document/notebook-document';
import { parseNotebook } from '../document/parse-notebook';
import { defineCellKind } from '../kinds/define-cell-kind';
import { findCellKind } from '../kinds/registry';
import { settle } from '../testing/settle-notebook';
import { DEFAULT_MEMORY_BUDGET, formatBytes, valueBytes } from './memory-budget';
import { Notebook } from './notebook';

const MB = 2 ** 20;

/**
 * The attack, scaled down 16× per side: a 1024² noise image (4 MB) and ten 1×1 convs of a
 * 3-kernel bank (12 MB each). With a 40 MB budget the image and two convs fit (28 MB); a third would make
 * 40 MB plus the bank's 24 bytes; every later one is refused too, by its own message. The note and a small
 * conv elsewhere still compute.
 */
function bombNotebook(convs: number): NotebookDocument {
  const cells: CellSpec[] = [
    { id: 'img', kind: 'image', params: { sample: { name: 'noise', size: 1024, seed: 1 } } },
    { id: 'bank', kind: 'kernel', params: { values: [[[[1]]], [[[2]]], [[[3]]]] } },
    { id: 'note', kind: 'note', params: { markdown: 'still here' } },
    {
      id: 'tiny',
      kind: 'image',
      params: {
        values: [
          [1, 2],
          [3, 4],
        ],
      },
    },
    {
      id: 'k2',
      kind: 'kernel',
      params: {
        values: [
          [1, 0],
          [0, 1],
        ],
      },
    },
    { id: 'small', kind: 'conv', inputs: { input: 'tiny', kernel: 'k2' } },
  ];
  for (let i = 0; i < convs; i++)
    cells.push({ id: `c${i}`, kind: 'conv', inputs: { input: 'img', kernel: 'bank' } });
  return parseNotebook({ format: 'convbook', version: 1, title: 'budget', cells });
}

describe('the notebook memory budget', () => {
  it('refuses the convs that would pass it, naming the budget and the need; the rest computes', async () => {
    const notebook = Notebook.fromDocument(bombNotebook(10), { memoryBudget: 40 * MB });
    const states = await settle(notebook, 20_000);
    const status = (id: string) => states.get(id)?.status;
    expect(['img', 'bank', 'note', 'tiny', 'k2', 'small', 'c0', 'c1'].map(status)).toEqual(
      Array(8).fill('ok'),
    );
    for (let i = 2; i < 10; i++) {
      const state = states.get(`c${i}`);
      expect(state?.status).toBe('error');
      if (state?.status !== 'error') continue;
      expect(state.error.message).toBe(
        "not enough memory: this cell needs 12 MB, but the other cells already hold 28 MB of the notebook's 40 MB memory budget; remove or shrink some cells, or raise the budget",
      );
    }
    notebook.dispose();
  });

  it('lets a refused cell compute once others hold less', async () => {
    const notebook = Notebook.fromDocument(bombNotebook(3), { memoryBudget: 40 * MB });
    await settle(notebook, 20_000);
    expect(notebook.states().get('c2')?.status).toBe('error');
    notebook.removeCell('c0');
    const states = await settle(notebook, 20_000);
    expect(states.get('c2')?.status).toBe('ok');
    notebook.dispose();
  });

  it('also holds kinds that cannot estimate: their result is measured and dropped when over', async () => {
    // A kind with no estimate that makes 16 MB, asynchronously, twice at once: the first one reserves
    // nothing, so the second is checked against the first's actual result when it settles.
    const big = defineCellKind({
      kind: 'big',
      label: 'Big',
      description: 'test',
      inputs: {},
      params: {},
      output: 'tensor',
      compute: async (): Promise<CellValue> => ({ type: 'tensor', tensor: new Tensor([4, 1024, 1024]) }),
    });
    const findKind = (kind: string) => (kind === 'big' ? big : findCellKind(kind));
    const document = {
      format: 'convbook',
      version: 1,
      title: 'big',
      cells: [
        { id: 'a', kind: 'big' },
        { id: 'b', kind: 'big' },
      ],
    } as NotebookDocument;
    const notebook = Notebook.fromDocument(document, { findKind, memoryBudget: 24 * MB });
    const states = await settle(notebook, 5000);
    expect([states.get('a')?.status, states.get('b')?.status]).toEqual(['ok', 'error']);
    notebook.dispose();
  });

  it('defaults to 1 GB', () => {
    expect(DEFAULT_MEMORY_BUDGET).toBe(2 ** 30);
    expect(formatBytes(DEFAULT_MEMORY_BUDGET)).toBe('1 GB');
  });
});

describe('valueBytes', () => {
  it('counts each typed array of a value once, wherever it sits', () => {
    const weights = new Tensor([2, 1, 3, 3]);
    expect(valueBytes({ type: 'kernel', weights, bias: new Float32Array(2) })).toBe(4 * 18 + 8);
    const gradient = new Tensor([1, 1, 3, 3]);
    const shared = new Tensor([1, 1, 3, 3]);
    const value: CellValue = {
      type: 'grad',
      target: 'kernel',
      gradient,
      training: { lossCurve: [3, 2, 1], learnedWeights: shared, learnedBias: new Float32Array(1), steps: 2 },
      perPosition: shared,
    };
    expect(valueBytes(value)).toBe(36 + 36 + 4);
    expect(valueBytes({ type: 'note', markdown: 'x'.repeat(1000) })).toBe(0);
  });
});

describe('formatBytes', () => {
  it('uses binary units with a few digits', () => {
    expect([0, 1536, 12 * MB, 201_326_592, 1.5 * 2 ** 30].map(formatBytes)).toEqual([
      '0 bytes',
      '1.5 KB',
      '12 MB',
      '192 MB',
      '1.5 GB',
    ]);
  });
});

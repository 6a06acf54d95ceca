import { describe, expect, it } from 'vitest';
import type { NotebookDocument } from '../document/notebook-document';
import { validateNotebook } from '../document/validate-notebook';
import { cellKinds } from '../kinds/registry';
import { Notebook } from '../runtime/notebook';
import { describeCellError, describeProblem, kindWordsFrom } from './plain-problem';

const words = kindWordsFrom(cellKinds);

function problemsOf(cells: unknown[]) {
  const document = { format: 'convbook', version: 1, title: 't', cells };
  const result = validateNotebook(document);
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((p) => describeProblem(p, document, words));
}

const image = {
  id: 'img',
  kind: 'image',
  params: {
    values: [
      [1, 2],
      [3, 4],
    ],
  },
};
const kernel = { id: 'k', kind: 'kernel', params: { values: [[1]] } };

describe('describeProblem', () => {
  it('names the cell by kind and title and the field by its label, keeping the path as a detail', () => {
    const [problem] = problemsOf([
      image,
      kernel,
      { id: 'c', kind: 'conv', title: 'Edges', inputs: { input: 'img', kernel: 'k' }, params: { stride: 0 } },
    ]);
    expect(problem).toEqual({
      text: "Convolution 'Edges': stride must be a whole number ≥ 1 — got 0",
      subject: "Convolution 'Edges'",
      field: 'stride',
      message: 'must be a whole number ≥ 1 — got 0',
      path: 'cells[2].params.stride',
      cellId: 'c',
      param: 'stride',
    });
  });

  it('falls back to the kind label and id without a title, and uses multi-word labels', () => {
    const texts = problemsOf([
      image,
      kernel,
      {
        id: 'conv1',
        kind: 'conv',
        inputs: { input: 'img', kernel: 'k' },
        params: { paddingMode: 'mirror', flip: 'yes' },
      },
    ]).map((p) => p.text);
    expect(texts).toEqual([
      'Convolution conv1: padding mode must be one of zeros, reflect, replicate, circular — got "mirror"',
      'Convolution conv1: flip kernel must be on or off (true or false) — got "yes"',
    ]);
  });

  it('walks into nested settings and counts entries from 1', () => {
    const texts = problemsOf([
      { id: 'k', kind: 'kernel', title: 'Noise', params: { random: { shape: [1, 1, 3, 0], seed: 1 } } },
      { id: 'k2', kind: 'kernel', params: { values: [[1, 'x']] } },
    ]).map((p) => p.text);
    expect(texts).toEqual([
      "Kernel 'Noise': random shape, entry 4 must be a whole number ≥ 1 — got 0",
      'Kernel k2: weights, entry (1, 2) must be a number — got "x"',
    ]);
  });

  it('words wiring, cell-level and document-level problems', () => {
    const document = {
      format: 'convbook',
      version: 1,
      title: 7,
      cells: [
        { id: 'c', kind: 'conv', title: 'Edges', inputs: { input: 'gone' } },
        { id: 'k', kind: 'kernel' },
      ],
    };
    // Strict wiring: the words for the wiring problems an editor or a strict check reports.
    const result = validateNotebook(document, { strictWiring: true });
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.map((p) => describeProblem(p, document, words).text)).toEqual([
      'The notebook: title must be text — got 7',
      'Convolution \'Edges\': the input input is wired to cell "gone", which does not exist',
      "Convolution 'Edges': the kernel input is not connected: pick a kernel cell",
      'Kernel k: needs exactly one source (values, preset, gaussian or random) — got none',
    ]);
  });

  it('names a cell whose id is unusable by its position', () => {
    const [problem] = problemsOf([{ id: 'bad id', kind: 'note', params: { markdown: '' } }]);
    expect(problem?.text).toBe(
      'Cell 1 (Note): id may use only letters, digits, "_", "-" and "." (not first) — got "bad id"',
    );
  });
});

describe('describeCellError', () => {
  it('rewords the runtime error of an invalid field edited in a live notebook', async () => {
    const doc: NotebookDocument = {
      format: 'convbook',
      version: 1,
      title: '',
      cells: [
        image,
        kernel,
        { id: 'c', kind: 'conv', title: 'Edges', inputs: { input: 'img', kernel: 'k' } },
      ],
    };
    const notebook = Notebook.fromDocument(doc);
    notebook.setParams('c', { stride: 0, dilation: 99 });
    await notebook.whenIdle();
    const state = notebook.states().get('c');
    if (state?.status !== 'error') throw new Error('expected an error state');
    const cell = notebook.document.cells[2];
    if (cell === undefined) throw new Error('no cell');
    expect(describeCellError(state.error, cell, words).map((p) => [p.text, p.param])).toEqual([
      ["Convolution 'Edges': stride must be a whole number ≥ 1 — got 0", 'stride'],
      ["Convolution 'Edges': dilation must be a whole number ≤ 64 — got 99", 'dilation'],
    ]);
    notebook.dispose();
  });

  it('keeps a plain runtime sentence about the cell', () => {
    const problems = describeCellError(
      { message: 'input "kernel" is not connected' },
      { id: 'c', kind: 'conv' },
      words,
    );
    expect(problems.map((p) => p.text)).toEqual(['Convolution c: input "kernel" is not connected']);
  });
});

import { Tensor } from '@convbook/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { CellValue } from '../cell-value';
import { num, withDefault } from '../document/param-schema';
import { type CellKind, defineCellKind, type LastCompute } from '../kinds/define-cell-kind';
import { findCellKind } from '../kinds/registry';
import { Notebook } from './notebook';

// The scheduler hands each compute its cell's last successful compute of the same kind (LastCompute),
// and keeps it no longer than the cell shows that value. Test-only kinds record what they were handed.

const seen: { cell: string; last: LastCompute | undefined }[] = [];
let release: (() => void) | undefined;

/** Its input times `factor`; records the last compute it was given. */
function scaling(kind: string, slow = false): CellKind {
  return defineCellKind({
    kind,
    label: kind,
    description: 'Scales its input (test only).',
    inputs: { input: 'kernel' },
    params: { factor: withDefault(num(0, 10), 1) },
    output: 'tensor',
    compute: ({ input }, { factor }, context) => {
      seen.push({ cell: context.cellId, last: context.lastCompute });
      const tensor = new Tensor(
        input.weights.shape,
        input.weights.data.map((v) => v * factor),
      );
      if (!slow) return { type: 'tensor', tensor };
      // Ignores its abort signal: it finishes even when an edit made it stale.
      return new Promise<CellValue>((resolve) => {
        release = () => resolve({ type: 'tensor', tensor });
      });
    },
  });
}

const kinds = new Map<string, CellKind>([
  ['scale', scaling('scale')],
  ['other-scale', scaling('other-scale')],
  ['slow-scale', scaling('slow-scale', true)],
]);
const findKind = (kind: string) => kinds.get(kind) ?? findCellKind(kind);

const notebooks: Notebook[] = [];
afterEach(() => {
  for (const n of notebooks.splice(0)) n.dispose();
  seen.length = 0;
  release = undefined;
});

function open(kind = 'scale'): Notebook {
  const cells = [
    { id: 'k', kind: 'kernel', params: { values: [[1, 2]] } },
    { id: 's', kind, inputs: { input: 'k' }, params: { factor: 2 } },
  ];
  const notebook = Notebook.fromDocument({ format: 'convbook', version: 1, title: 't', cells }, { findKind });
  notebooks.push(notebook);
  return notebook;
}

const cellValue = (notebook: Notebook, id: string): CellValue | undefined => {
  const state = notebook.states().get(id);
  return state?.status === 'ok' ? state.value : undefined;
};
const lastSeen = () => seen.filter((s) => s.cell === 's').at(-1)?.last;

describe('a compute sees its cell’s last compute', () => {
  it('none the first time; then the inputs, params and value of the one before', async () => {
    const notebook = open();
    await notebook.whenIdle();
    expect(lastSeen()).toBeUndefined();
    const kernelBefore = cellValue(notebook, 'k');
    const valueBefore = cellValue(notebook, 's');
    notebook.setParams('k', { values: [[3, 4]] });
    await notebook.whenIdle();
    expect(lastSeen()?.inputs.input).toBe(kernelBefore);
    expect(lastSeen()?.params).toEqual({ factor: 2 });
    expect(lastSeen()?.value).toBe(valueBefore);
  });

  it('none after the cell failed: a bad param drops it', async () => {
    const notebook = open();
    await notebook.whenIdle();
    notebook.setParams('s', { factor: 99 });
    await notebook.whenIdle();
    expect(notebook.states().get('s')?.status).toBe('error');
    expect(notebook.internalSizes.remembered).toBe(1); // the kernel cell's only
    notebook.setParams('s', { factor: 3 });
    await notebook.whenIdle();
    expect(lastSeen()).toBeUndefined();
  });

  it('none after an upstream failure', async () => {
    const notebook = open();
    await notebook.whenIdle();
    notebook.setParams('k', { values: 'not a kernel' });
    await notebook.whenIdle();
    expect(notebook.internalSizes.remembered).toBe(0);
    notebook.setParams('k', { values: [[5, 6]] });
    await notebook.whenIdle();
    expect(lastSeen()).toBeUndefined();
  });

  it('none from another kind: a cell whose kind changed starts afresh, and so on changing back', async () => {
    const notebook = open();
    await notebook.whenIdle();
    const swapKind = (kind: string) =>
      notebook.replaceDocument({
        ...notebook.document,
        cells: notebook.document.cells.map((c) => (c.id === 's' ? { ...c, kind } : c)),
      });
    swapKind('other-scale');
    await notebook.whenIdle();
    expect(lastSeen()).toBeUndefined();
    swapKind('scale');
    await notebook.whenIdle();
    expect(lastSeen()).toBeUndefined();
  });

  it('is dropped with its cell, and with the notebook', async () => {
    const notebook = open();
    await notebook.whenIdle();
    expect(notebook.internalSizes.remembered).toBe(2);
    notebook.removeCell('s');
    await notebook.whenIdle();
    expect(notebook.internalSizes.remembered).toBe(1);
    notebook.dispose();
    expect(notebook.internalSizes.remembered).toBe(0);
  });

  it('a slow compute made stale by an edit still hands its result to the rerun', async () => {
    const notebook = open('slow-scale');
    await new Promise((resolve) => setTimeout(resolve, 0));
    notebook.setParams('k', { values: [[7, 8]] }); // the first compute is now stale
    await new Promise((resolve) => setTimeout(resolve, 0));
    release?.(); // it finishes anyway, with [[2, 4]]
    await new Promise((resolve) => setTimeout(resolve, 0));
    const rerun = lastSeen();
    expect(rerun?.value.type === 'tensor' && [...rerun.value.tensor.data]).toEqual([2, 4]);
    release?.();
    await notebook.whenIdle();
    expect(
      cellValue(notebook, 's')?.type === 'tensor' && [
        ...(cellValue(notebook, 's') as { tensor: Tensor }).tensor.data,
      ],
    ).toEqual([14, 16]);
  });
});

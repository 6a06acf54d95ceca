import { describe, expect, it } from 'vitest';
import type { CellSpec, NotebookDocument } from '../document/notebook-document';
import { cellKinds } from '../kinds/registry';
import { Notebook } from '../runtime/notebook';
import { planNewCell, type WiringContext, type WiringKind } from './wire-new-cell';

const kinds: ReadonlyMap<string, WiringKind> = new Map(cellKinds.map((k) => [k.kind, k]));
const kind = (name: string): WiringKind => kinds.get(name) as WiringKind;

/** Runs the cells and reports each value's shape, as the page knows them from cell states. */
async function contextFor(cells: readonly CellSpec[]): Promise<WiringContext> {
  const notebook = Notebook.fromDocument({ format: 'convbook', version: 1, title: '', cells });
  await notebook.whenIdle();
  const states = notebook.states();
  notebook.dispose();
  return {
    kinds,
    shapeOf: (id) => {
      const state = states.get(id);
      if (state?.status !== 'ok') return undefined;
      const value = state.value;
      return value.type === 'tensor'
        ? value.tensor.shape
        : value.type === 'kernel'
          ? value.weights.shape
          : undefined;
    },
  };
}

const grid: CellSpec = {
  id: 'grid',
  kind: 'image',
  params: {
    values: [
      [1, 2, 0, 1],
      [0, 1, 3, 1],
      [2, 1, 0, 1],
    ],
  },
};
const k2: CellSpec = {
  id: 'k2',
  kind: 'kernel',
  params: {
    values: [
      [1, 0],
      [0, -1],
    ],
  },
};
const conv = (id: string, input: string, kernel: string, params: Record<string, unknown> = {}): CellSpec => ({
  id,
  kind: 'conv',
  inputs: { input, kernel },
  params: { padding: 'valid', ...params },
});

describe('planNewCell: the three failures a student met', () => {
  it('a second conv reads the image, not the target map made from it', async () => {
    const cells: CellSpec[] = [
      { id: 'noise', kind: 'image', params: { sample: { name: 'noise', size: 8, seed: 1 } } },
      { id: 'sobelX', kind: 'kernel', params: { preset: 'sobel-x' } },
      conv('target', 'noise', 'sobelX', { padding: 'same' }),
      {
        id: 'guess',
        kind: 'kernel',
        params: {
          values: [
            [0, 0, 0],
            [0, 0, 0],
            [0, 0, 0],
          ],
        },
      },
    ];
    const { spec } = planNewCell(kind('conv'), cells, cells.length, await contextFor(cells));
    expect(spec.inputs).toEqual({ input: 'noise', kernel: 'guess' });
  });

  it('a new loss pairs maps of the same shape, never 1×1×1 with 1×2×3', async () => {
    const cells: CellSpec[] = [
      grid,
      k2,
      conv('valid', 'grid', 'k2'),
      {
        id: 'k2double',
        kind: 'kernel',
        params: {
          values: [
            [2, 0],
            [0, -2],
          ],
        },
      },
      conv('validDouble', 'grid', 'k2double'),
      { id: 'pooled', kind: 'pool', inputs: { input: 'validDouble' }, params: { kind: 'max', size: 2 } },
    ];
    const plan = planNewCell(kind('loss'), cells, cells.length, await contextFor(cells));
    expect(plan.spec.inputs).toEqual({ prediction: 'validDouble', target: 'valid' });
    expect(plan.notes).toEqual([]);
  });

  it('says what to pick when no map above has a matching shape', async () => {
    const cells: CellSpec[] = [grid, k2, conv('valid', 'grid', 'k2')];
    const plan = planNewCell(kind('loss'), cells, cells.length, await contextFor(cells));
    expect(plan.spec.inputs).toEqual({ prediction: 'valid' });
    expect(plan.notes).toEqual([
      {
        slot: 'target',
        message:
          'no map above has the shape of "valid" (1×2×3): pick a target of that shape, or a prediction that matches one',
      },
    ]);
  });

  it('a new conv starts valid, so the textbook 3×4 * 2×2 gives 2×3', async () => {
    const cells: CellSpec[] = [grid, k2];
    const { spec } = planNewCell(kind('conv'), cells, 2, await contextFor(cells));
    expect(spec).toEqual({
      id: 'conv1',
      kind: 'conv',
      inputs: { input: 'grid', kernel: 'k2' },
      params: { padding: 'valid' },
    });
    const document: NotebookDocument = { format: 'convbook', version: 1, title: '', cells: [...cells, spec] };
    const notebook = Notebook.fromDocument(document);
    await notebook.whenIdle();
    const state = notebook.states().get('conv1');
    expect(state?.status === 'ok' && state.value.type === 'tensor' && state.value.tensor.toArray()).toEqual([
      [
        [0, -1, -1],
        [-1, 1, 2],
      ],
    ]);
    notebook.dispose();
  });
});

describe('planNewCell: what a student means elsewhere', () => {
  it('stacks a conv on a pooled map, and on an activated map when no fresh kernel follows it', async () => {
    const image: CellSpec = {
      id: 'img',
      kind: 'image',
      params: { sample: { name: 'checkerboard', size: 16 } },
    };
    const k: CellSpec = { id: 'k', kind: 'kernel', params: { preset: 'outline' } };
    const relu = conv('relu1', 'img', 'k', { activation: 'relu' });
    const pooled: CellSpec = { id: 'pool1', kind: 'pool', inputs: { input: 'relu1' }, params: { size: 2 } };
    const afterPool = [image, k, relu, pooled, { id: 'k2', kind: 'kernel', params: { preset: 'sobel-x' } }];
    expect(planNewCell(kind('conv'), afterPool, 5, { kinds }).spec.inputs).toEqual({
      input: 'pool1',
      kernel: 'k2',
    });
    expect(planNewCell(kind('conv'), [image, k, relu], 3, { kinds }).spec.inputs).toEqual({
      input: 'relu1',
      kernel: 'k',
    });
    // A fresh kernel right after a conv is another filter on the same picture (the lecture's bias example).
    const fresh = [
      image,
      k,
      relu,
      { id: 'biased', kind: 'kernel', params: { preset: 'sobel-x', bias: [-2] } },
    ];
    expect(planNewCell(kind('conv'), fresh, 4, { kinds }).spec.inputs).toEqual({
      input: 'img',
      kernel: 'biased',
    });
  });

  it('skips kernels whose channels cannot fit the input', async () => {
    const cells: CellSpec[] = [
      { id: 'rgb', kind: 'image', params: { sample: { name: 'rgb-shapes', size: 8 } } },
      { id: 'flat', kind: 'kernel', params: { preset: 'sobel-x' } },
      { id: 'two', kind: 'kernel', params: { random: { shape: [1, 2, 3, 3], seed: 1 } } },
    ];
    const plan = planNewCell(kind('conv'), cells, 3, await contextFor(cells));
    expect(plan.spec.inputs).toEqual({ input: 'rgb', kernel: 'flat' });
  });

  it('wires a pool to the map above it and a grad to the kernel that made the prediction', () => {
    const cells: CellSpec[] = [
      { id: 'noise', kind: 'image', params: { sample: { name: 'noise', size: 8, seed: 1 } } },
      { id: 'sobelX', kind: 'kernel', params: { preset: 'sobel-x' } },
      conv('target', 'noise', 'sobelX'),
      {
        id: 'guess',
        kind: 'kernel',
        params: {
          values: [
            [0, 0, 0],
            [0, 0, 0],
            [0, 0, 0],
          ],
        },
      },
      conv('guessMap', 'noise', 'guess'),
      { id: 'error', kind: 'loss', inputs: { prediction: 'guessMap', target: 'target' } },
    ];
    expect(planNewCell(kind('pool'), cells, 5, { kinds }).spec).toMatchObject({
      id: 'pool1',
      inputs: { input: 'guessMap' },
    });
    expect(planNewCell(kind('grad'), cells, 6, { kinds }).spec).toEqual({
      id: 'grad1',
      kind: 'grad',
      inputs: { loss: 'error' },
      params: { target: 'kernel', kernelCell: 'guess' },
    });
  });

  it('points statistics at the nearest layer, not at an image added after it', () => {
    const cells: CellSpec[] = [
      grid,
      k2,
      conv('valid', 'grid', 'k2'),
      { id: 'other', kind: 'image', params: { values: [[1]] } },
    ];
    expect(planNewCell(kind('stats'), cells, 4, { kinds }).spec.inputs).toEqual({ of: 'valid' });
  });

  it('leaves slots empty with a note when nothing above fits', () => {
    const plan = planNewCell(kind('conv'), [], 0, { kinds });
    expect(plan.spec).toEqual({ id: 'conv1', kind: 'conv', params: { padding: 'valid' } });
    expect(plan.notes.map((n) => n.slot)).toEqual(['kernel', 'input']);
  });
});

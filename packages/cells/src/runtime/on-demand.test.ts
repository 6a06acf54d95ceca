import { Tensor } from '@convbook/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { CellValue } from '../cell-value';
import type { CellSpec } from '../document/notebook-document';
import { type CellKind, defineCellKind } from '../kinds/define-cell-kind';
import { findCellKind } from '../kinds/registry';
import type { CellState } from './cell-state';
import { Notebook } from './notebook';

// The on-demand contract (HELPERS.md), with a test-only kind that "trains" by counting: each run adds its
// steps to the count it resumes from (`context.previous`), plus the weight of its kernel input. A run
// yields between steps and, when stopped, returns the count so far.

let computes = 0;
const countUp = defineCellKind({
  kind: 'count-up',
  label: 'Count up',
  description: 'Counts steps across runs (test only).',
  inputs: { kernel: 'kernel' },
  params: {},
  output: 'tensor',
  runsOn: 'demand',
  async compute({ kernel }, _params, context) {
    computes++;
    const start = context.previous?.type === 'tensor' ? (context.previous.tensor.data[0] ?? 0) : 0;
    const steps = 5;
    let done = 0;
    for (; done < steps && !context.signal.aborted; done++) {
      context.progress(done, steps);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const weight = kernel.weights.data[0] ?? 0;
    return { type: 'tensor', tensor: new Tensor([1, 1, 1], Float32Array.of(start + done + weight / 1000)) };
  },
});
const plusOne = defineCellKind({
  kind: 'plus-one',
  label: 'Plus one',
  description: 'Its input plus one (test only).',
  inputs: { input: 'tensor' },
  params: {},
  output: 'tensor',
  compute: ({ input }) => ({
    type: 'tensor',
    tensor: new Tensor(
      [1, 1, 1],
      input.tensor.data.map((v) => v + 1),
    ),
  }),
});
const testKinds = new Map<string, CellKind>([
  ['count-up', countUp],
  ['plus-one', plusOne],
]);

const notebooks: Notebook[] = [];
afterEach(() => {
  for (const n of notebooks.splice(0)) n.dispose();
  computes = 0;
});

function open(): Notebook {
  const cells: CellSpec[] = [
    { id: 'k', kind: 'kernel', params: { values: [[2]] } },
    { id: 't', kind: 'count-up', inputs: { kernel: 'k' } },
    { id: 'after', kind: 'plus-one', inputs: { input: 't' } },
  ];
  const notebook = Notebook.fromDocument(
    { format: 'convbook', version: 1, title: 't', cells },
    { findKind: (kind) => testKinds.get(kind) ?? findCellKind(kind) },
  );
  notebooks.push(notebook);
  return notebook;
}

function count(state: CellState | undefined): number | undefined {
  return state?.status === 'ok' && state.value.type === 'tensor' ? state.value.tensor.data[0] : undefined;
}

function summary(state: CellState | undefined): string {
  if (state?.status !== 'ok') return state?.status ?? 'none';
  return `${count(state)?.toFixed(3)}${state.stale ? ' stale' : ''}`;
}

describe('cells that run on demand', () => {
  it('stay idle until run, and their readers say why they have no value', async () => {
    const notebook = open();
    await notebook.whenIdle();
    expect(notebook.states().get('t')).toMatchObject({ status: 'idle' });
    const after = notebook.states().get('after');
    expect(after?.status === 'error' && after.error.message).toBe(
      'input "input" has no value yet: run cell "t" first',
    );
    expect(computes).toBe(0);
  });

  it('compute once when run, then downstream follows', async () => {
    const notebook = open();
    notebook.run('t');
    await notebook.whenIdle();
    expect(summary(notebook.states().get('t'))).toBe('5.002');
    expect(summary(notebook.states().get('after'))).toBe('6.002');
    expect(computes).toBe(1);
  });

  it('keep their value, marked stale, when an input or their params change — without recomputing', async () => {
    const notebook = open();
    notebook.run('t');
    await notebook.whenIdle();
    notebook.setParams('k', { values: [[7]] });
    await notebook.whenIdle();
    expect(summary(notebook.states().get('t'))).toBe('5.002 stale');
    expect(summary(notebook.states().get('after'))).toBe('6.002'); // computed from the stale value
    expect(computes).toBe(1);
    notebook.run('t'); // resumes from the last value, with the new weight
    await notebook.whenIdle();
    expect(summary(notebook.states().get('t'))).toBe('10.009');
  });

  it('stop early on stop(), keeping the best result so far as their ok state', async () => {
    const notebook = open();
    const seen: string[] = [];
    notebook.state$('t').subscribe((s) => seen.push(s.status));
    notebook.run('t');
    await new Promise((resolve) => setTimeout(resolve, 5));
    notebook.stop('t');
    await notebook.whenIdle();
    const stopped = count(notebook.states().get('t')) ?? 0;
    expect(stopped).toBeGreaterThan(0);
    expect(stopped).toBeLessThan(5);
    expect(seen.at(-1)).toBe('ok');
    expect(seen).toContain('pending');
  });

  it('keep the stopped run of an input change as a stale value instead of rerunning', async () => {
    const notebook = open();
    notebook.run('t');
    await new Promise((resolve) => setTimeout(resolve, 3));
    notebook.setParams('k', { values: [[9]] });
    await notebook.whenIdle();
    expect(notebook.states().get('t')).toMatchObject({ status: 'ok', stale: true });
    expect(computes).toBe(1);
  });

  it('go back to idle on reset, forgetting the value (the next run starts from nothing)', async () => {
    const notebook = open();
    notebook.run('t');
    await notebook.whenIdle();
    notebook.reset('t');
    await notebook.whenIdle();
    expect(notebook.states().get('t')).toMatchObject({ status: 'idle' });
    expect(notebook.states().get('after')?.status).toBe('error');
    notebook.run('t');
    await notebook.whenIdle();
    expect(summary(notebook.states().get('t'))).toBe('5.002');
  });

  it('throw away a run that is reset while it runs', async () => {
    const notebook = open();
    notebook.run('t');
    await new Promise((resolve) => setTimeout(resolve, 3));
    notebook.reset('t');
    await notebook.whenIdle();
    expect(notebook.states().get('t')).toMatchObject({ status: 'idle' });
  });

  it('refuse commands for a cell that does not exist', () => {
    const notebook = open();
    expect(() => notebook.run('nope')).toThrow('there is no cell "nope" in this notebook');
  });
});

describe('passes$', () => {
  it('publishes one batch per pass holding only the cells that changed', async () => {
    const notebook = open();
    await notebook.whenIdle();
    const batches: string[][] = [];
    notebook.passes$.subscribe((batch) => batches.push([...batch.keys()].sort()));
    notebook.setParams('k', { values: [[3]] });
    await notebook.whenIdle();
    expect(batches).toEqual([['after', 'k', 't']]);
  });

  it('marks a removed cell with undefined', async () => {
    const notebook = open();
    await notebook.whenIdle();
    const batches: (CellValue | string | undefined)[][] = [];
    notebook.passes$.subscribe((batch) => batches.push([...batch].map(([id, s]) => (s ? id : `-${id}`))));
    notebook.removeCell('after');
    await notebook.whenIdle();
    expect(batches).toEqual([['-after']]);
  });
});

import { at, Tensor } from '@convbook/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CellValue } from '../cell-value';
import { DocumentError } from '../document/document-error';
import type { CellSpec } from '../document/notebook-document';
import { parseNotebook } from '../document/parse-notebook';
import { convCell } from '../kinds/conv-cell';
import { type ComputeContext, defineCellKind } from '../kinds/define-cell-kind';
import { kernelCell } from '../kinds/kernel-cell';
import { lossCell } from '../kinds/loss-cell';
import { poolCell } from '../kinds/pool-cell';
import { findCellKind } from '../kinds/registry';
import type { CellState } from './cell-state';
import { Notebook } from './notebook';

const notebooks: Notebook[] = [];
afterEach(() => {
  for (const n of notebooks.splice(0)) n.dispose();
  vi.restoreAllMocks();
});

function open(cells: unknown[]): Notebook {
  const notebook = Notebook.fromDocument(
    parseNotebook({ format: 'convbook', version: 1, title: 't', cells }),
  );
  notebooks.push(notebook);
  return notebook;
}

/** Spies on the real kinds and records, per compute call, which cell ran. */
function recordComputes(
  observe?: (id: string, inputs: Readonly<Record<string, CellValue | undefined>>) => void,
): string[] {
  const calls: string[] = [];
  for (const kind of [kernelCell, convCell, poolCell]) {
    const original = kind.compute;
    vi.spyOn(kind, 'compute').mockImplementation((inputs, params, context) => {
      calls.push(context.cellId);
      observe?.(context.cellId, inputs);
      return original(inputs, params, context);
    });
  }
  return calls;
}

function values(notebook: Notebook, id: string): unknown {
  const state = notebook.states().get(id);
  if (state?.status !== 'ok') return state;
  const value = state.value;
  return value.type === 'tensor'
    ? value.tensor.toArray()
    : value.type === 'kernel'
      ? value.weights.toArray()
      : value;
}

function errorOf(notebook: Notebook, id: string): { message: string; upstream?: string } | undefined {
  const state = notebook.states().get(id);
  return state?.status === 'error' ? { ...state.error } : undefined;
}

const image = { id: 'm', kind: 'image', params: { values: [[1]] } };
const scalarKernel = (id: string, v: number) => ({ id, kind: 'kernel', params: { values: [[v]] } });
const conv = (id: string, input: string, kernel: string) => ({ id, kind: 'conv', inputs: { input, kernel } });

/** m → c1 ← k, and d reads both c1 and k: a diamond rooted at k. */
const diamond = () => [image, scalarKernel('k', 2), conv('c1', 'm', 'k'), conv('d', 'c1', 'k')];

describe('Notebook recomputation', () => {
  it('computes every cell once on load, inputs first', async () => {
    const calls = recordComputes();
    const notebook = open([conv('d', 'c1', 'k'), conv('c1', 'm', 'k'), image, scalarKernel('k', 2)]);
    await notebook.whenIdle();
    expect(calls).toEqual(['k', 'c1', 'd']);
    expect(values(notebook, 'd')).toEqual([[[4]]]);
  });

  it('recomputes a diamond once per edit, never mixing old and new inputs', async () => {
    const notebook = open(diamond());
    await notebook.whenIdle();
    const seenByD: number[][] = [];
    const calls = recordComputes((id, { input, kernel }) => {
      if (id === 'd' && input?.type === 'tensor' && kernel?.type === 'kernel') {
        seenByD.push([at(input.tensor.data, 0), at(kernel.weights.data, 0)]);
      }
    });
    notebook.setParams('k', { values: [[3]] });
    await notebook.whenIdle();
    expect(calls).toEqual(['k', 'c1', 'd']);
    expect(seenByD).toEqual([[3, 3]]);
    expect(values(notebook, 'd')).toEqual([[[9]]]);
  });

  it('recomputes a four-cell diamond (m → a, m → b, a + b → loss) once, with both new inputs', async () => {
    const notebook = open([
      image,
      scalarKernel('k2', 2),
      scalarKernel('k3', 3),
      conv('a', 'm', 'k2'),
      conv('b', 'm', 'k3'),
      { id: 'loss', kind: 'loss', inputs: { prediction: 'a', target: 'b' }, params: { reduction: 'sum' } },
    ]);
    await notebook.whenIdle();
    const seen: number[][] = [];
    const original = lossCell.compute;
    vi.spyOn(lossCell, 'compute').mockImplementation((inputs, params, context) => {
      const { prediction, target } = inputs;
      if (prediction?.type === 'tensor' && target?.type === 'tensor') {
        seen.push([at(prediction.tensor.data, 0), at(target.tensor.data, 0)]);
      }
      return original(inputs, params, context);
    });
    notebook.setParams('m', { values: [[10]] });
    await notebook.whenIdle();
    expect(seen).toEqual([[20, 30]]);
    const state = notebook.states().get('loss');
    expect(state?.status === 'ok' && state.value.type === 'loss' && state.value.loss).toBe(100); // (20 − 30)²
  });

  it('publishes once per batch and coalesces edits made in the same tick', async () => {
    const notebook = open(diamond());
    await notebook.whenIdle();
    const calls = recordComputes();
    const published: CellState[] = [];
    const subscription = notebook.state$('d').subscribe((s) => published.push(s));
    notebook.setParams('k', { values: [[3]] });
    notebook.setParams('k', { values: [[4]] });
    notebook.setParams('k', { values: [[5]] });
    await notebook.whenIdle();
    subscription.unsubscribe();
    expect(calls).toEqual(['k', 'c1', 'd']);
    expect(published.map((s) => s.status)).toEqual(['ok', 'ok']);
    expect(values(notebook, 'd')).toEqual([[[25]]]);
  });

  it('leaves cells that are not downstream alone, and ignores edits that change nothing', async () => {
    const notebook = open([...diamond(), scalarKernel('k2', 1), conv('other', 'm', 'k2')]);
    await notebook.whenIdle();
    const calls = recordComputes();
    notebook.setParams('k2', { values: [[7]] });
    await notebook.whenIdle();
    expect(calls).toEqual(['k2', 'other']);
    calls.length = 0;
    notebook.setParams('k2', { values: [[7]] });
    notebook.setParams('c1', { padding: 'valid' }); // not written before, but...
    await notebook.whenIdle();
    // ...adding an explicit key is a real edit of the document, so c1 and its downstream recompute once.
    expect(calls).toEqual(['c1', 'd']);
  });

  it('never lets a patch with an own "__proto__" key change the params prototype', async () => {
    const notebook = open([image, scalarKernel('k', 1), conv('c', 'm', 'k')]);
    notebook.setParams('c', JSON.parse('{"__proto__": {"stride": 2}, "padding": 1}'));
    await notebook.whenIdle();
    const params = at(notebook.document.cells, 2).params;
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(params).toEqual({ padding: 1 });
    expect(values(notebook, 'c')).toEqual([
      [
        [0, 0, 0],
        [0, 1, 0],
        [0, 0, 0],
      ],
    ]);
  });

  it('deletes a param when the patch sets it to undefined', async () => {
    const notebook = open([image, scalarKernel('k', 1), { ...conv('c', 'm', 'k'), params: { padding: 1 } }]);
    await notebook.whenIdle();
    expect(values(notebook, 'c')).toEqual([
      [
        [0, 0, 0],
        [0, 1, 0],
        [0, 0, 0],
      ],
    ]);
    notebook.setParams('c', { padding: undefined });
    await notebook.whenIdle();
    expect(at(notebook.document.cells, 2).params).toEqual({});
    expect(values(notebook, 'c')).toEqual([[[1]]]);
  });
});

describe('Notebook errors', () => {
  it('keeps a failure in its cell, reports it downstream, and recovers when fixed', async () => {
    const notebook = open([
      {
        id: 'm',
        kind: 'image',
        params: {
          values: [
            [1, 2],
            [3, 4],
          ],
        },
      },
      scalarKernel('k', 1),
      { ...conv('c', 'm', 'k'), params: { stride: 1 } },
      { id: 'p', kind: 'pool', inputs: { input: 'c' }, params: { size: 2 } },
      { id: 'q', kind: 'pool', inputs: { input: 'p' }, params: { size: 1 } },
      { id: 'p2', kind: 'pool', inputs: { input: 'm' }, params: { size: 1 } },
    ]);
    await notebook.whenIdle();
    notebook.setParams('p', { size: 3 }); // window larger than the 2×2 map: the pool kind refuses it
    await notebook.whenIdle();
    expect(errorOf(notebook, 'p')?.message).toMatch(
      /^the window \(3×3\) is taller and wider than the input \(2×2, /,
    );
    expect(errorOf(notebook, 'q')).toEqual({ message: 'upstream error in p', upstream: 'p' });
    expect(values(notebook, 'p2')).toEqual([
      [
        [1, 2],
        [3, 4],
      ],
    ]);
    notebook.setParams('p', { size: 2 });
    await notebook.whenIdle();
    expect(values(notebook, 'q')).toEqual([[[4]]]);
  });

  it('errors a cell given invalid params at run time with the JSON path, without throwing', async () => {
    const notebook = open([
      image,
      scalarKernel('k', 1),
      conv('c', 'm', 'k'),
      { id: 'p', kind: 'pool', inputs: { input: 'c' }, params: { size: 1 } },
    ]);
    await notebook.whenIdle();
    expect(() => notebook.setParams('c', { stride: 0 })).not.toThrow();
    await notebook.whenIdle();
    expect(notebook.states().get('c')).toMatchObject({
      status: 'error',
      error: {
        message: 'cells[2].params.stride: must be an integer >= 1, got 0',
        path: 'cells[2].params.stride',
      },
    });
    expect(errorOf(notebook, 'p')?.message).toBe('upstream error in c');
  });

  it('rejects an input of the wrong type with a clear message', async () => {
    const notebook = open([image, conv('c', 'm', 'm')]);
    await notebook.whenIdle();
    expect(errorOf(notebook, 'c')?.message).toBe('input "kernel" expects a kernel, got an image (cell "m")');
  });

  it('reports a cycle naming every cell in it, runs the rest, and recovers when it is broken', async () => {
    const notebook = open([
      image,
      scalarKernel('k', 2),
      conv('a', 'm', 'k'),
      conv('b', 'a', 'k'),
      conv('c', 'b', 'k'),
      { id: 'after', kind: 'pool', inputs: { input: 'c' }, params: { size: 1 } },
    ]);
    await notebook.whenIdle();
    notebook.setInputs('a', { input: 'c' });
    await notebook.whenIdle();
    for (const id of ['a', 'b', 'c']) expect(errorOf(notebook, id)?.message).toBe('cycle: a → b → c → a');
    expect(errorOf(notebook, 'after')?.upstream).toBe('c');
    expect(values(notebook, 'k')).toEqual([[[[2]]]]);
    notebook.setInputs('a', { input: 'm' });
    await notebook.whenIdle();
    expect(values(notebook, 'after')).toEqual([[[8]]]);
  });

  it('loads a document that already has a cycle, including a cell reading itself', async () => {
    const notebook = open([image, scalarKernel('k', 1), conv('self', 'self', 'k')]);
    await notebook.whenIdle();
    expect(errorOf(notebook, 'self')?.message).toBe('cycle: self → self');
  });
});

describe('Notebook compute context', () => {
  it('lets a kind read its own spec and its upstream cells, and nothing downstream or unrelated', async () => {
    const seen: Record<string, unknown> = {};
    const original = poolCell.compute;
    vi.spyOn(poolCell, 'compute').mockImplementation((inputs, params, context) => {
      if (context.cellId === 'p') {
        const { graph } = context;
        seen.self = graph.cell('p')?.kind;
        seen.upstream = [graph.cell('c')?.kind, graph.cell('k')?.kind, graph.value('k')?.type];
        seen.hidden = [graph.cell('q'), graph.cell('other'), graph.value('other')];
      }
      return original(inputs, params, context);
    });
    const notebook = open([
      image,
      scalarKernel('k', 1),
      conv('c', 'm', 'k'),
      { id: 'p', kind: 'pool', inputs: { input: 'c' }, params: { size: 1 } },
      { id: 'q', kind: 'pool', inputs: { input: 'p' }, params: { size: 1 } },
      { id: 'other', kind: 'note' },
    ]);
    await notebook.whenIdle();
    expect(seen).toEqual({
      self: 'pool',
      upstream: ['conv', 'kernel', 'kernel'],
      hidden: [undefined, undefined, undefined],
    });
  });
});

describe('Notebook structural edits', () => {
  it('adds, removes, rewires and reorders cells', async () => {
    const notebook = open([image, scalarKernel('k', 2), conv('c', 'm', 'k')]);
    await notebook.whenIdle();
    notebook.addCell(scalarKernel('k3', 3) as CellSpec, 1);
    notebook.addCell({ id: 'p', kind: 'pool', inputs: { input: 'c' }, params: { size: 1 } });
    await notebook.whenIdle();
    expect(notebook.document.cells.map((c) => c.id)).toEqual(['m', 'k3', 'k', 'c', 'p']);
    expect(values(notebook, 'p')).toEqual([[[2]]]);

    notebook.setInputs('c', { kernel: 'k3' });
    await notebook.whenIdle();
    expect(values(notebook, 'p')).toEqual([[[3]]]);

    notebook.removeCell('k3');
    await notebook.whenIdle();
    expect(errorOf(notebook, 'c')?.message).toBe('input "kernel" refers to missing cell "k3"');
    expect(errorOf(notebook, 'p')?.upstream).toBe('c');

    const calls = recordComputes();
    notebook.moveCell('p', 0);
    await notebook.whenIdle();
    expect(calls).toEqual([]);
    expect([...notebook.states().keys()]).toEqual(['p', 'm', 'k', 'c']);
  });

  it('wakes only the subscribers of cells whose state changed, and follows an id through remove and re-add', async () => {
    const notebook = open([...diamond(), scalarKernel('k2', 1), conv('other', 'm', 'k2')]);
    await notebook.whenIdle();
    const seen: string[] = [];
    for (const id of ['other', 'k2', 'd']) {
      notebook.state$(id).subscribe((s) => seen.push(`${id} ${s.status} v${s.version}`));
    }
    seen.length = 0; // the replays on subscribing
    notebook.setParams('k', { values: [[3]] });
    await notebook.whenIdle();
    expect(seen).toEqual(['d ok v2']);

    seen.length = 0;
    notebook.removeCell('k2');
    await notebook.whenIdle();
    expect(seen).toEqual(['other error v2']); // k2 itself is gone: its subscriber hears nothing
    const late: CellState[] = [];
    notebook.state$('k2').subscribe((s) => late.push(s));
    expect(late).toEqual([]); // nothing replayed for a removed cell

    seen.length = 0;
    notebook.addCell(scalarKernel('k2', 5) as CellSpec);
    await notebook.whenIdle();
    expect([...seen].sort()).toEqual(['k2 ok v1', 'other ok v3']); // one pass: both, in subscription order
    expect(late.map((s) => s.status)).toEqual(['ok']);
  });

  it('accepts a cell added before its inputs are wired, and reports it until they are', async () => {
    const notebook = open([image, scalarKernel('k', 2)]);
    notebook.addCell({ id: 'c', kind: 'conv', inputs: { input: 'm' } });
    notebook.addCell({ id: 'p', kind: 'pool', inputs: { input: 'later' }, params: { size: 1 } });
    await notebook.whenIdle();
    expect(errorOf(notebook, 'c')?.message).toBe('input "kernel" is not connected');
    expect(errorOf(notebook, 'p')?.message).toBe('input "input" refers to missing cell "later"');
    notebook.setInputs('c', { kernel: 'k' });
    notebook.addCell({ id: 'later', kind: 'pool', inputs: { input: 'c' }, params: { size: 1 } });
    await notebook.whenIdle();
    expect(values(notebook, 'p')).toEqual([[[2]]]);
  });

  it('throws a DocumentError for a bad or duplicate cell spec and changes nothing', async () => {
    const notebook = open([image]);
    expect(() => notebook.addCell({ id: 'm', kind: 'note' })).toThrow(DocumentError);
    expect(() =>
      notebook.addCell({ id: 'x', kind: 'pool', inputs: { input: 'm' }, params: { size: 0 } }),
    ).toThrow('cells[1].params.size: must be');
    expect(notebook.document.cells).toHaveLength(1);
  });

  it('replaceDocument recomputes only the cells that differ', async () => {
    const notebook = open([
      image,
      scalarKernel('k', 2),
      conv('c', 'm', 'k'),
      scalarKernel('k2', 5),
      conv('c2', 'm', 'k2'),
    ]);
    await notebook.whenIdle();
    const before = notebook.document;
    notebook.setParams('k', { values: [[4]] });
    await notebook.whenIdle();
    const calls = recordComputes();
    notebook.replaceDocument(before);
    await notebook.whenIdle();
    expect(calls).toEqual(['k', 'c']);
    expect(values(notebook, 'c')).toEqual([[[2]]]);
  });

  it('holds a new immutable document after every edit', () => {
    const notebook = open([image]);
    const first = notebook.document;
    notebook.setTitle('Edges');
    expect(first.title).toBe('t');
    expect(notebook.document.title).toBe('Edges');
    expect(notebook.document.cells[0]).toBe(first.cells[0]);
  });
});

/** A pool whose compute takes `ms` and optionally stops early when aborted. */
function slowPool(ms: number, honourAbort: boolean): { calls: () => number; aborted: () => number } {
  let calls = 0;
  let aborted = 0;
  const original = poolCell.compute;
  vi.spyOn(poolCell, 'compute').mockImplementation(async (inputs, params, context: ComputeContext) => {
    calls++;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      context.signal.addEventListener('abort', () => {
        aborted++;
        if (!honourAbort) return;
        clearTimeout(timer);
        reject(new Error('aborted'));
      });
    });
    return original(inputs, params, context);
  });
  return { calls: () => calls, aborted: () => aborted };
}

/** image → kernel k → conv c → pool p (the slow one), with every value p publishes collected in order. */
function slowChain() {
  const notebook = open([
    image,
    scalarKernel('k', 1),
    conv('c', 'm', 'k'),
    { id: 'p', kind: 'pool', inputs: { input: 'c' }, params: { size: 1 } },
  ]);
  const published: number[] = [];
  notebook.state$('p').subscribe((s) => {
    if (s.status === 'ok' && s.value.type === 'tensor') published.push(at(s.value.tensor.data, 0));
  });
  return { notebook, published };
}

describe('Notebook async work', () => {
  it('publishes a settled result in a pass of its own, before the cells downstream of it compute', async () => {
    // The conv computes asynchronously (as a conv split across workers does); the pool after it does not.
    const original = convCell.compute;
    vi.spyOn(convCell, 'compute').mockImplementation(async (inputs, params, context) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return original(inputs, params, context);
    });
    const { notebook } = slowChain();
    await notebook.whenIdle();
    const passes: string[][] = [];
    notebook.passes$.subscribe((batch) =>
      passes.push([...batch].map(([id, state]) => `${id}:${state?.status}`).sort()),
    );
    const poolSaw: number[] = [];
    const pool = poolCell.compute;
    vi.spyOn(poolCell, 'compute').mockImplementation((inputs, params, context) => {
      poolSaw.push(passes.length);
      return pool(inputs, params, context);
    });
    notebook.setParams('k', { values: [[3]] });
    await notebook.whenIdle();
    expect(passes).toEqual([
      ['c:pending', 'k:ok', 'p:pending'], // the edit: the conv starts, the pool waits for it
      ['c:ok'], // the conv's maps, while the pool still waits
      ['p:ok'],
    ]);
    expect(poolSaw).toEqual([2]); // the pool computed after the conv's maps went out
    expect(values(notebook, 'p')).toEqual([[[3]]]);
  });

  it('aborts a stale computation and never publishes its result', async () => {
    const slow = slowPool(30, true);
    const { notebook, published } = slowChain();
    await new Promise((r) => setTimeout(r, 5));
    notebook.setParams('k', { values: [[2]] });
    await notebook.whenIdle();
    expect(slow.aborted()).toBe(1);
    expect(published).toEqual([2]);
  });

  it('coalesces a burst of edits on a slow cell to a handful of computes, ending at the last edit', async () => {
    const slow = slowPool(25, false);
    const { notebook, published } = slowChain();
    for (let i = 1; i <= 100; i++) {
      notebook.setParams('k', { values: [[i]] });
      await new Promise((r) => setTimeout(r, 1));
    }
    await notebook.whenIdle();
    expect(slow.calls()).toBeGreaterThanOrEqual(2);
    expect(slow.calls()).toBeLessThanOrEqual(15);
    expect(published).toEqual([100]);
  });

  it('reports progress as a pending state while a long computation runs', async () => {
    const original = poolCell.compute;
    vi.spyOn(poolCell, 'compute').mockImplementation(async (inputs, params, context) => {
      context.progress(1, 2);
      await new Promise((r) => setTimeout(r, 5));
      return original(inputs, params, context);
    });
    const notebook = open([image, { id: 'p', kind: 'pool', inputs: { input: 'm' }, params: { size: 1 } }]);
    const states: CellState[] = [];
    notebook.state$('p').subscribe((s) => states.push(s));
    await notebook.whenIdle();
    expect(
      states.map((s) => (s.status === 'pending' ? `pending ${s.progress?.done ?? '-'}` : s.status)),
    ).toEqual(['pending -', 'pending 1', 'ok']);
  });
});

describe('Notebook lifetime', () => {
  it('keeps no growing state across 10,000 edits and releases everything on dispose', async () => {
    const notebook = open(diamond());
    const subscriptions = ['m', 'k', 'c1', 'd'].map((id) => notebook.state$(id).subscribe());
    for (let i = 0; i < 10_000; i++) {
      notebook.setParams('k', { values: [[i % 7]] });
      if (i % 100 === 0) await notebook.whenIdle();
      const s = notebook.state$('d').subscribe();
      s.unsubscribe();
    }
    await notebook.whenIdle();
    expect(notebook.internalSizes).toEqual({
      records: 4,
      states: 4,
      dirty: 0,
      running: 0,
      idleWaiters: 0,
      remembered: 4, // each cell's last compute, the very values it shows
      liveSubscriptions: 4,
    });
    let completed = 0;
    notebook.state$('d').subscribe({ complete: () => completed++ });
    notebook.passes$.subscribe({ complete: () => completed++ });
    notebook.dispose();
    expect(completed).toBe(2);
    expect(subscriptions.every((s) => s.closed)).toBe(true);
    expect(notebook.internalSizes).toMatchObject({
      records: 0,
      states: 0,
      remembered: 0,
      liveSubscriptions: 0,
    });
  });
});

describe('Notebook kinds', () => {
  it('looks kinds up through the findKind option, so a bench or a test can bring its own', async () => {
    const double = defineCellKind({
      kind: 'double',
      label: 'Double',
      description: 'Twice its input.',
      inputs: { input: 'tensor' },
      params: {},
      output: 'tensor',
      compute: ({ input }) => ({
        type: 'tensor',
        tensor: new Tensor(
          input.tensor.shape,
          input.tensor.data.map((v) => 2 * v),
        ),
      }),
    });
    const onlyImageAndDouble = (kind: string) =>
      kind === 'double' ? double : kind === 'image' ? findCellKind(kind) : undefined;
    const cells = [
      image,
      { id: 'x2', kind: 'double', inputs: { input: 'm' } },
      { id: 'p', kind: 'pool', inputs: { input: 'm' } },
    ];
    const notebook = Notebook.fromDocument(
      { format: 'convbook', version: 1, title: 't', cells },
      { findKind: onlyImageAndDouble },
    );
    notebooks.push(notebook);
    await notebook.whenIdle();
    expect(values(notebook, 'x2')).toEqual([[[2]]]);
    expect(errorOf(notebook, 'p')).toEqual({ message: 'unknown kind "pool"' });
  });
});

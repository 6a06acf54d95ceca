import type { CellState, NotebookDocument } from '@convbook/cells';
import { filter, firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeWorkerPool } from '../worker/fake-worker.test-helper';
import { PageNotebook } from './page-notebook';

const LIMITS = { hangLimitMs: 150, heartbeatMs: 20 };

const doc: NotebookDocument = {
  format: 'convbook',
  version: 1,
  title: 'Recovery test',
  cells: [
    { id: 'm', kind: 'image', params: { values: [[1, 2]] } },
    { id: 'k', kind: 'kernel', params: { values: [[1]] } },
    { id: 'c', kind: 'conv', inputs: { input: 'm', kernel: 'k' } },
  ],
};

const valuesOf = (state: CellState): number[] =>
  state.status === 'ok' && state.value.type === 'tensor' ? [...state.value.tensor.data] : [];

const computed = (remote: PageNotebook, id: string, expected: number[]) =>
  firstValueFrom(
    remote.state$(id).pipe(filter((s) => JSON.stringify(valuesOf(s)) === JSON.stringify(expected))),
  );

/** Every state a cell goes through, from now on. */
function recordStates(remote: PageNotebook, id: string): CellState[] {
  const seen: CellState[] = [];
  remote.state$(id).subscribe((state) => seen.push(state));
  return seen;
}

let remote: PageNotebook | undefined;
afterEach(() => remote?.dispose());

async function started(pool: FakeWorkerPool): Promise<PageNotebook> {
  remote = PageNotebook.supervise(pool.spawn, LIMITS);
  await remote.load(doc);
  await computed(remote, 'c', [1, 2]);
  return remote;
}

describe('PageNotebook when its worker fails', () => {
  it('replaces a hung worker and replays the edit it never confirmed', async () => {
    const pool = new FakeWorkerPool();
    const notebook = await started(pool);
    const notices: string[] = [];
    notebook.editErrors$.subscribe((text) => notices.push(text));
    pool.current.hang();
    notebook.setParams('k', { values: [[3]] });

    expect((await computed(notebook, 'c', [3, 6])).status).toBe('ok');
    expect(pool.spawned).toHaveLength(2);
    expect(pool.spawned[0]?.terminated).toBe(true);
    // The edit was sent, so the cells it recomputes were computing when the worker went silent.
    expect(notices).toEqual([
      "The notebook's worker was restarted (computation stopped: took longer than 0.15 s).",
    ]);
    expect(notebook.document?.cells[1]?.params).toEqual({ values: [[3]] });
  });

  it('marks the cells that were computing with the crash, then computes them on the new worker', async () => {
    const pool = new FakeWorkerPool();
    const notebook = await started(pool);
    pool.current.hang(); // the new cell is sent but never reported: it stays pending on the page
    notebook.addCell({ id: 'c2', kind: 'conv', inputs: { input: 'c', kernel: 'k' } });
    const states = recordStates(notebook, 'c2');
    pool.current.crash('Uncaught RangeError: Array buffer allocation failed');

    await computed(notebook, 'c2', [1, 2]);
    expect(states.map((s) => s.status)).toEqual([
      'pending',
      'error',
      ...states.slice(2).map((s) => s.status),
    ]);
    expect(states[1]).toMatchObject({
      status: 'error',
      error: { message: 'the worker crashed: RangeError: Array buffer allocation failed' },
    });
  });

  it('says a computation took too long when a cell was running', async () => {
    const pool = new FakeWorkerPool();
    const notebook = await started(pool);
    pool.current.hang();
    notebook.addCell({ id: 'slow', kind: 'conv', inputs: { input: 'c', kernel: 'k' } });
    const states = recordStates(notebook, 'slow');
    await computed(notebook, 'slow', [1, 2]);
    expect(states.find((s) => s.status === 'error')).toMatchObject({
      error: { message: 'computation stopped: took longer than 0.15 s' },
    });
  });

  it('marks the cells an applied edit was recomputing when the worker hangs before publishing', async () => {
    const pool = new FakeWorkerPool();
    const notebook = await started(pool);
    const conv = recordStates(notebook, 'c');
    const image = recordStates(notebook, 'm');
    pool.current.hangWhileComputing();
    notebook.setParams('k', { values: [[4]] });
    await computed(notebook, 'c', [4, 8]);
    expect(conv.map((s) => s.status).slice(0, 2)).toEqual(['ok', 'error']);
    expect(conv[1]).toMatchObject({ error: { message: 'computation stopped: took longer than 0.15 s' } });
    expect(image.some((s) => s.status === 'error')).toBe(false);
  });

  it('keeps a document open when the worker never answers its load, and says why', async () => {
    const pool = new FakeWorkerPool();
    pool.hangOnStart = true;
    remote = PageNotebook.supervise(pool.spawn, LIMITS);
    const notices: string[] = [];
    remote.editErrors$.subscribe((text) => notices.push(text));
    await remote.load(doc);
    expect(remote.document?.title).toBe(doc.title); // the page owns it: nothing is lost
    expect(notices[0]).toBe("The notebook's worker was restarted (the worker stopped answering for 0.15 s).");
  });

  it('stops restarting when the fresh worker fails too, and starts again on the next edit', async () => {
    const pool = new FakeWorkerPool();
    const notebook = await started(pool);
    const notices: string[] = [];
    notebook.editErrors$.subscribe((text) => notices.push(text));
    pool.hangOnStart = true;
    pool.current.hang();
    await expect.poll(() => notices.length, { timeout: 3_000, interval: 10 }).toBe(2);
    expect(notices[1]).toBe(
      'The notebook stopped computing (the worker stopped answering for 0.15 s), again after a restart. ' +
        'It starts afresh with your next edit.',
    );
    await new Promise((done) => setTimeout(done, 4 * LIMITS.hangLimitMs));
    expect(pool.spawned).toHaveLength(2); // no restart loop

    pool.hangOnStart = false;
    notebook.setParams('k', { values: [[5]] });
    expect((await computed(notebook, 'c', [5, 10])).status).toBe('ok');
    expect(pool.spawned).toHaveLength(3);
  });
});

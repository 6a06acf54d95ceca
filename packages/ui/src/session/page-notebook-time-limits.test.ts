import type { CellState, NotebookDocument } from '@convbook/cells';
import { filter, firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeWorkerPool } from '../worker/fake-worker.test-helper';
import { memoryMarker } from './opening-marker';
import { PAUSED_MESSAGE, PageNotebook } from './page-notebook';

const LIMITS = { hangLimitMs: 150, heartbeatMs: 20 };

// Issue 13 item 4: a slow cell stopped every cell ("computation stopped" everywhere, a note included).
const doc: NotebookDocument = {
  format: 'convbook',
  version: 1,
  title: 'Time limits',
  cells: [
    { id: 'note', kind: 'note', params: { markdown: 'hello' } },
    { id: 'm', kind: 'image', params: { values: [[1, 2]] } },
    { id: 'k', kind: 'kernel', params: { values: [[1]] } },
    { id: 'slow', kind: 'conv', title: 'Big conv', inputs: { input: 'm', kernel: 'k' } },
    { id: 'small', kind: 'conv', inputs: { input: 'm', kernel: 'k' } },
  ],
};

const settled = (notebook: PageNotebook, id: string) =>
  firstValueFrom(
    notebook.state$(id).pipe(filter((s: CellState) => s.status === 'ok' || s.status === 'error')),
  );

let notebook: PageNotebook | undefined;
afterEach(() => notebook?.dispose());

describe('a slow cell fails alone', () => {
  it('holds the cell the worker was stuck in; every other cell computes on the fresh worker', async () => {
    const pool = new FakeWorkerPool();
    pool.hangInCell = 'slow';
    notebook = PageNotebook.supervise(pool.spawn, LIMITS);
    const notices: string[] = [];
    notebook.editErrors$.subscribe((text) => notices.push(text));
    await notebook.load(doc);

    const slow = await settled(notebook, 'slow');
    expect(slow).toMatchObject({ status: 'error' });
    expect(slow.status === 'error' && slow.error.message).toMatch(
      /^took longer than 0\.2 s, so it was stopped and the other cells computed without it; choose “Compute anyway”/,
    );
    for (const id of ['note', 'm', 'k', 'small']) expect((await settled(notebook, id)).status).toBe('ok');
    expect(pool.spawned).toHaveLength(2); // one restart, no loop: the held cell is not computed again
    expect(notices).toEqual([
      '“Big conv” took longer than 0.2 s, so it was stopped and the other cells computed without it.',
    ]);
    const held = await firstValueFrom(notebook.overLimit$);
    expect(held.map((cell) => cell.id)).toEqual(['slow']);

    // Edits elsewhere compute; the held cell stays held and says why.
    notebook.setParams('k', { values: [[3]] });
    await notebook.whenIdle();
    expect(pool.spawned).toHaveLength(2);
    expect((await settled(notebook, 'slow')).status).toBe('error');
  });

  it('computes a held cell again when asked ("compute anyway"), and when its own params change', async () => {
    const pool = new FakeWorkerPool();
    pool.hangInCell = 'slow';
    notebook = PageNotebook.supervise(pool.spawn, LIMITS);
    await notebook.load(doc);
    await firstValueFrom(notebook.overLimit$.pipe(filter((held) => held.length === 1)));
    await notebook.whenIdle();
    pool.current.hangInCell = undefined; // with more time, it finishes
    notebook.computeAnyway();
    expect(await firstValueFrom(notebook.overLimit$)).toEqual([]);
    await expect.poll(async () => (await settled(notebook as PageNotebook, 'slow')).status).toBe('ok');
  });
});

describe('safe reopening', () => {
  it('opens paused when the page died while this notebook was opening, and computes on request', async () => {
    const marker = memoryMarker();
    const pool = new FakeWorkerPool();
    marker.opening(doc); // the page died before the cells settled
    notebook = PageNotebook.supervise(pool.spawn, LIMITS, marker);
    await notebook.load(doc);
    await notebook.whenIdle();
    const note = await settled(notebook, 'note');
    expect(note).toMatchObject({ status: 'error', error: { message: PAUSED_MESSAGE } });
    expect((await firstValueFrom(notebook.overLimit$)).length).toBe(doc.cells.length);

    notebook.computeAnyway();
    await expect.poll(async () => (await settled(notebook as PageNotebook, 'small')).status).toBe('ok');
    await expect.poll(() => marker.value, { timeout: 3_000 }).toBeUndefined();
  });

  it('clears the marker once a notebook has opened and settled, so the next start computes', async () => {
    const marker = memoryMarker();
    notebook = PageNotebook.supervise(new FakeWorkerPool().spawn, LIMITS, marker);
    await notebook.load(doc);
    expect(marker.value).toBeDefined();
    await expect.poll(() => marker.value, { timeout: 3_000 }).toBeUndefined();
  });
});

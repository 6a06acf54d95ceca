import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../storage/fake-backend';
import { NotebookChannel } from '../storage/notebook-channel';
import { NotebookStore } from '../storage/notebook-store';
import { Autosave, flushOnPageHide, type SaveStatus } from './autosave';

interface Doc {
  title: string;
  n: number;
}
const snapshot = (doc: Doc) => ({ title: doc.title, text: JSON.stringify(doc) });

async function setUp() {
  const backend = new FakeBackend();
  let ids = 0;
  const store = new NotebookStore(backend, { newId: () => `nb${++ids}`, timeoutMs: 60_000 });
  const meta = await store.create('T', JSON.stringify({ title: 'T', n: 0 }));
  const autosave = new Autosave<Doc>({ store, id: meta.id, revision: meta.revision, snapshot });
  const statuses: SaveStatus[] = [];
  autosave.status$.subscribe((s) => statuses.push(s));
  const stored = async (id = autosave.id) => {
    const loaded = await store.load(id);
    return loaded.status === 'ok' ? loaded.record : undefined;
  };
  return { backend, store, autosave, statuses, stored };
}

describe('Autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts saving each change in the same task, in one transaction', async () => {
    const { backend, autosave, stored } = await setUp();
    const commit = vi.spyOn(backend, 'commit');
    autosave.change({ title: 'T', n: 1 });
    expect(commit).toHaveBeenCalledTimes(1); // no await, no timer before the transaction starts
    autosave.change({ title: 'T', n: 2 });
    expect(commit).toHaveBeenCalledTimes(2); // not waiting for the first: based on the revision it writes
    await autosave.flush();
    expect(await stored()).toMatchObject({ revision: 3, document: '{"title":"T","n":2}' });
    expect(autosave.status).toEqual({ state: 'saved', revision: 3 });
  });

  it('saves a big notebook at most once a second while edits keep coming, and at once on flush', async () => {
    const backend = new FakeBackend();
    const store = new NotebookStore(backend, { newId: () => 'nb1', timeoutMs: 60_000 });
    const meta = await store.create('T', '{}');
    const autosave = new Autosave<Doc>({ store, id: meta.id, revision: 1, snapshot, bigText: 10 });
    const commit = vi.spyOn(backend, 'commit');
    autosave.change({ title: 'T', n: 1 });
    await vi.advanceTimersByTimeAsync(100);
    autosave.change({ title: 'T', n: 2 });
    autosave.change({ title: 'T', n: 3 });
    expect(commit).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(950);
    expect(commit).toHaveBeenCalledTimes(2); // n: 3, within the second
    autosave.change({ title: 'T', n: 4 });
    await autosave.flush();
    expect(commit).toHaveBeenCalledTimes(3);
    const loaded = await store.load('nb1');
    expect(loaded.status === 'ok' && loaded.record.document).toBe('{"title":"T","n":4}');
  });

  it('flushes at once when asked (page hidden)', async () => {
    const { autosave, stored } = await setUp();
    autosave.change({ title: 'T', n: 5 });
    await autosave.flush();
    expect(await stored()).toMatchObject({ revision: 2, document: '{"title":"T","n":5}' });
  });

  it('keeps a failed change, says why, and retries with the next change', async () => {
    const { backend, autosave, stored } = await setUp();
    backend.failNext('commit', Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
    autosave.change({ title: 'T', n: 1 });
    await autosave.flush();
    expect(autosave.status).toMatchObject({ state: 'failed' });
    expect(autosave.status.state === 'failed' && autosave.status.message).toContain(
      'storage for this site is full',
    );
    autosave.change({ title: 'T', n: 2 });
    expect(autosave.status.state).toBe('failed'); // the notice stays until a save succeeds
    await autosave.flush();
    expect(autosave.status).toEqual({ state: 'saved', revision: 2 });
    expect((await stored())?.document).toBe('{"title":"T","n":2}');
  });

  it('saves our version as a conflict copy when another tab saved first', async () => {
    const { store, autosave, stored } = await setUp();
    await store.save('nb1', 'T', '{"other":true}', 1); // the other tab
    autosave.change({ title: 'T', n: 9 });
    await autosave.flush();
    expect(autosave.status).toEqual({
      state: 'conflict',
      originalId: 'nb1',
      copyId: 'nb2',
      copyTitle: 'T (conflict copy)',
    });
    expect((await stored('nb1'))?.document).toBe('{"other":true}');
    expect(await stored('nb2')).toMatchObject({
      title: 'T (conflict copy)',
      document: '{"title":"T","n":9}',
    });
    autosave.change({ title: 'T', n: 10 });
    await autosave.flush();
    expect(await stored('nb2')).toMatchObject({ revision: 2, document: '{"title":"T","n":10}' });
  });

  it('does not lose a change made while a save is running', async () => {
    const { autosave, stored } = await setUp();
    autosave.change({ title: 'T', n: 1 });
    const first = autosave.flush();
    autosave.change({ title: 'T', n: 2 });
    await first;
    await autosave.flush();
    expect(await stored()).toMatchObject({ revision: 3, document: '{"title":"T","n":2}' });
  });

  it('hears that another tab saved the same notebook', async () => {
    vi.useRealTimers();
    const { autosave } = await setUp();
    const otherTab = new NotebookChannel('test-autosave');
    const ours = new NotebookChannel('test-autosave');
    const listening = new Autosave<Doc>({
      store: { save: vi.fn(), create: vi.fn() },
      id: 'nb1',
      revision: 1,
      snapshot,
      channel: ours,
    });
    otherTab.post({ type: 'saved', id: 'nb1', revision: 4 });
    await vi.waitFor(() => expect(listening.status).toEqual({ state: 'changed-elsewhere', revision: 4 }));
    otherTab.close();
    ours.close();
    autosave.dispose();
  });
});

describe('flushOnPageHide', () => {
  it('flushes on pagehide and when the page becomes hidden, not when it becomes visible', () => {
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const flush = vi.fn();
    const stop = flushOnPageHide(flush, win, doc);
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(flush).not.toHaveBeenCalled();
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    win.dispatchEvent(new Event('pagehide'));
    expect(flush).toHaveBeenCalledTimes(2);
    stop();
    win.dispatchEvent(new Event('pagehide'));
    expect(flush).toHaveBeenCalledTimes(2);
  });
});

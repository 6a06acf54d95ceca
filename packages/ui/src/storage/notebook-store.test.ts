import { describe, expect, it, vi } from 'vitest';
import { FakeBackend } from './fake-backend';
import { indexedDbBackend, NotebookStore } from './notebook-store';
import { StorageError } from './storage-error';

function makeStore(backend = new FakeBackend()) {
  let clock = 1000;
  let ids = 0;
  const store = new NotebookStore(backend, {
    now: () => (clock += 10),
    newId: () => `nb${++ids}`,
    validate: (text) => {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || !('cells' in parsed)) {
        throw new Error('cells: required');
      }
    },
    timeoutMs: 50,
  });
  return { store, backend };
}

const doc = (title: string) => JSON.stringify({ title, cells: [] });

describe('NotebookStore', () => {
  it('creates, loads and lists notebooks newest first', async () => {
    const { store } = makeStore();
    const a = await store.create('First', doc('First'));
    const b = await store.create('Second', doc('Second'));
    expect(a).toMatchObject({ id: 'nb1', title: 'First', revision: 1 });
    const list = await store.list();
    expect(list.map((e) => (e.status === 'ok' ? e.meta.id : e.id))).toEqual([b.id, a.id]);
    const loaded = await store.load(a.id);
    expect(loaded).toEqual({ status: 'ok', record: { ...a, document: doc('First') } });
  });

  it('keeps a new revision under its own key and prunes the old one only after the pointer moved', async () => {
    const { store, backend } = makeStore();
    const meta = await store.create('A', doc('A'));
    const saved = await store.save(meta.id, 'A2', doc('A2'), 1);
    expect(saved).toMatchObject({
      status: 'saved',
      meta: { revision: 2, title: 'A2', createdAt: meta.createdAt },
    });
    expect([...backend.data.keys()].sort()).toEqual(['notebook:nb1', 'notebook:nb1:rev2']);
  });

  it('keeps the previous version readable when a save dies before moving the pointer', async () => {
    const { store, backend } = makeStore();
    const meta = await store.create('A', doc('A'));
    backend.failNext('commit', new Error('tab killed'));
    await expect(store.save(meta.id, 'B', doc('B'), 1)).rejects.toThrow(StorageError);
    const loaded = await store.load(meta.id);
    expect(loaded.status === 'ok' && loaded.record.document).toBe(doc('A'));
  });

  it('refuses to overwrite a revision another tab saved since we loaded', async () => {
    const { store } = makeStore();
    const meta = await store.create('A', doc('A'));
    await store.save(meta.id, 'A', doc('other tab'), 1);
    const ours = await store.save(meta.id, 'A', doc('ours'), 1);
    expect(ours).toEqual({ status: 'conflict', storedRevision: 2 });
    const loaded = await store.load(meta.id);
    expect(loaded.status === 'ok' && loaded.record.document).toBe(doc('other tab'));
  });

  it('reads again only the revisions it has not checked yet when listing (another tab saved one)', async () => {
    const { store, backend } = makeStore();
    await store.create('A', doc('A'));
    const b = await store.create('B', doc('B'));
    await store.create('C', doc('C'));
    const getMany = vi.spyOn(backend, 'getMany');
    expect(await store.list()).toHaveLength(3);
    await store.save(b.id, 'B', doc('B2'), 1);
    getMany.mockClear();
    expect((await store.list()).map((e) => e.status)).toEqual(['ok', 'ok', 'ok']);
    const bodiesRead = getMany.mock.calls.flatMap(([keys]) => keys.filter((key) => key.includes(':rev')));
    expect(bodiesRead).toEqual([`notebook:${b.id}:rev2`]);
  });

  it('lists a corrupt record as damaged and still opens the others', async () => {
    const { store, backend } = makeStore();
    const good = await store.create('Good', doc('Good'));
    const bad = await store.create('Bad', doc('Bad'));
    backend.data.set('notebook:nb2:rev1', { ...bad, document: '{not json' });
    backend.data.set('notebook:nb3', 'garbage');
    const list = await store.list();
    expect(list).toHaveLength(3);
    expect(list.find((e) => e.status === 'damaged' && e.id === 'nb2')).toMatchObject({ title: 'Bad' });
    expect(list.find((e) => e.status === 'damaged' && e.id === 'nb3')).toMatchObject({
      title: 'Unreadable notebook',
      reason: 'its index entry is unreadable',
    });
    expect((await store.load(good.id)).status).toBe('ok');
    expect(await store.load(bad.id)).toMatchObject({ status: 'damaged', id: 'nb2' });
  });

  it('reports a record that parses but fails validation as damaged', async () => {
    const { store } = makeStore();
    const meta = await store.create('Odd', JSON.stringify({ title: 'Odd' }));
    expect(await store.load(meta.id)).toEqual({ status: 'damaged', id: meta.id, reason: 'cells: required' });
  });

  it('removes every revision of a notebook and can put the record back', async () => {
    const { store, backend } = makeStore();
    const keep = await store.create('Keep', doc('Keep'));
    const gone = await store.create('Gone', doc('Gone'));
    const before = await store.load(gone.id);
    await store.remove(gone.id);
    expect([...backend.data.keys()].some((k) => k.includes('nb2'))).toBe(false);
    expect((await store.load(keep.id)).status).toBe('ok');
    if (before.status !== 'ok') throw new Error('expected a record');
    await store.restore(before.record);
    expect(await store.load(gone.id)).toEqual(before);
  });

  it('creates a notebook on its first save at revision 0 (a new notebook not stored yet)', async () => {
    const { store } = makeStore();
    const id = store.newId();
    expect(await store.load(id)).toEqual({ status: 'missing', id });
    expect(await store.save(id, 'Fresh', doc('Fresh'), 0)).toMatchObject({
      status: 'saved',
      meta: { id, revision: 1 },
    });
    expect((await store.load(id)).status).toBe('ok');
  });

  it('remembers the last open notebook', async () => {
    const { store } = makeStore();
    expect(await store.lastOpenId()).toBeUndefined();
    await store.setLastOpenId('nb7');
    expect(await store.lastOpenId()).toBe('nb7');
  });

  it('explains a full disk in words a person can act on', async () => {
    const { store, backend } = makeStore();
    backend.failNext(
      'commit',
      Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' }),
    );
    await expect(store.create('A', doc('A'))).rejects.toThrow(
      'Could not save: the browser storage for this site is full. Your work is kept in this tab — export it to a file to be safe.',
    );
  });

  it('gives up on a storage that never answers, then fails fast until it answers again', async () => {
    const backend = new FakeBackend();
    let answer: (keys: string[]) => void = () => {};
    backend.keys = () => new Promise((resolve) => (answer = resolve));
    const { store } = makeStore(backend);
    await expect(store.list()).rejects.toMatchObject({ reason: 'timeout', operation: 'list notebooks' });
    const started = performance.now();
    await expect(store.lastOpenId()).rejects.toMatchObject({ reason: 'timeout' });
    expect(performance.now() - started).toBeLessThan(20);
    answer([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await store.lastOpenId()).toBeUndefined();
  });

  it('says so when the browser has no IndexedDB at all', async () => {
    const store = new NotebookStore(indexedDbBackend);
    await expect(store.list()).rejects.toMatchObject({
      reason: 'unavailable',
      message:
        'Notebooks cannot be saved: this browser does not allow storage here (private mode or blocked storage). Your work is kept in this tab — export it to a file to be safe.',
    });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NoticeBoard } from '../notices/notice-board';
import { encodeShareFragment } from '../share/share-link';
import { FakeBackend } from '../storage/fake-backend';
import { NotebookChannel } from '../storage/notebook-channel';
import { NotebookStore } from '../storage/notebook-store';
import { FakeNotebook } from './fake-notebook';
import { NotebookSession } from './notebook-session';
import type { DocumentCodec, PageAddress } from './session-state';

interface Doc {
  title: string;
  cells: { id: string; params: Record<string, unknown> }[];
}

class ProblemsError extends Error {
  constructor(readonly problems: { path: string; message: string }[]) {
    super('invalid');
  }
}

const codec: DocumentCodec<Doc> = {
  parse(text) {
    const value = JSON.parse(text) as Partial<Doc>;
    const problems = [];
    if (typeof value.title !== 'string') problems.push({ path: 'title', message: 'expected a string' });
    if (!Array.isArray(value.cells)) problems.push({ path: 'cells', message: 'expected an array' });
    if (problems.length) throw new ProblemsError(problems);
    return value as Doc;
  },
  parseSaved(text) {
    // Like the app's lenient read of its own records: tolerates what parse refuses.
    return JSON.parse(text) as Doc;
  },
  serialize: (doc) => JSON.stringify(doc),
  titleOf: (doc) => doc.title,
  withTitle: (doc, title) => ({ ...doc, title }),
};

const kernel = (w: number, title = 'Edges'): Doc => ({ title, cells: [{ id: 'k', params: { w } }] });

function address(hash = ''): PageAddress & { hash: string } {
  return {
    base: 'http://localhost/',
    hash,
    clearHash() {
      this.hash = '';
    },
  };
}

async function open(backend: FakeBackend, hash = '', channel?: NotebookChannel) {
  let ids = backend.data.size;
  const store = new NotebookStore(backend, { newId: () => `nb${++ids}`, timeoutMs: 60_000 });
  const page = address(hash);
  const notices = new NoticeBoard();
  const session = new NotebookSession<Doc>({
    store,
    codec,
    address: page,
    notices,
    ...(channel ? { channel } : {}),
    blank: () => kernel(0, 'Untitled'),
  });
  const first = await session.start();
  const notebook = new FakeNotebook(first);
  session.attach(notebook);
  await session.refreshList();
  return { session, notebook, page, store, notices };
}

/** Presses a notice's button, as a person would. */
async function press(board: NoticeBoard, id: string, label: string): Promise<void> {
  const action = board.notices.find((n) => n.id === id)?.actions?.find((a) => a.label === label);
  if (!action) throw new Error(`no “${label}” on notice ${id}`);
  await action.run();
}

const titles = (session: NotebookSession<Doc>) =>
  session.state.entries.map((e) => (e.status === 'ok' ? e.meta.title : `damaged:${e.id}`)).sort();

describe('NotebookSession', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('saves a first blank notebook and reopens exactly it after a reload', async () => {
    const backend = new FakeBackend();
    const first = await open(backend);
    first.notebook.edit(kernel(5, 'Mine'));
    await first.session.flush();
    first.session.dispose();
    const second = await open(backend);
    expect(second.notebook.document).toEqual(kernel(5, 'Mine'));
    expect(titles(second.session)).toEqual(['Mine']);
  });

  it('opens the newest saved notebook when the last open one is gone', async () => {
    const backend = new FakeBackend();
    const first = await open(backend);
    vi.advanceTimersByTime(1000);
    await first.session.newNotebook(kernel(1, 'Newest'));
    backend.data.delete('last-open-notebook');
    const second = await open(backend);
    expect(second.notebook.document).toEqual(kernel(1, 'Newest'));
    expect(titles(second.session)).toEqual(['Newest', 'Untitled']);
  });

  it('undoes and redoes through replaceDocument, coalescing a drag on one weight', async () => {
    const { session, notebook } = await open(new FakeBackend());
    notebook.edit(kernel(1, 'Untitled'));
    vi.advanceTimersByTime(100);
    notebook.edit(kernel(2, 'Untitled'));
    vi.advanceTimersByTime(100);
    notebook.edit(kernel(3, 'Untitled'));
    vi.advanceTimersByTime(1000);
    notebook.edit({ ...kernel(3), cells: [] }); // a structural edit: its own step
    session.undo();
    expect(notebook.document).toEqual(kernel(3, 'Untitled'));
    session.undo();
    expect(notebook.document).toEqual(kernel(0, 'Untitled'));
    expect(session.state.canUndo).toBe(false);
    session.redo();
    expect(notebook.document).toEqual(kernel(3, 'Untitled'));
    expect(session.state).toMatchObject({ canUndo: true, canRedo: true });
  });

  it('handles the keyboard shortcuts but leaves text fields their own undo', async () => {
    const { session, notebook } = await open(new FakeBackend());
    notebook.edit(kernel(1));
    const key = (target: object, shiftKey = false) =>
      ({
        key: 'z',
        ctrlKey: true,
        metaKey: false,
        altKey: false,
        shiftKey,
        composedPath: () => [target],
        preventDefault: vi.fn(),
      }) as unknown as KeyboardEvent;
    expect(session.handleKeydown(key({ tagName: 'TEXTAREA' }))).toBe(false);
    expect(notebook.document).toEqual(kernel(1));
    expect(session.handleKeydown(key({ tagName: 'INPUT', type: 'number' }))).toBe(true);
    expect(notebook.document).toEqual(kernel(0, 'Untitled'));
    session.handleKeydown(key({ tagName: 'BODY' }, true));
    expect(notebook.document).toEqual(kernel(1));
  });

  it('opens a share link pasted into the address of the open app (a hash change, no reload)', async () => {
    const backend = new FakeBackend();
    const { session, notebook, page } = await open(backend);
    notebook.edit(kernel(7, 'Original'));
    expect(await session.openSharedLink()).toBe(false); // nothing in the address: nothing happens
    const link = await encodeShareFragment(JSON.stringify(kernel(9, 'Pasted')));
    if (link.status !== 'ok') throw new Error('expected a link');
    page.hash = link.fragment;
    expect(await session.openSharedLink()).toBe(true);
    expect(notebook.loads.at(-1)).toEqual(kernel(9, 'Pasted'));
    expect(page.hash).toBe('');
    expect(titles(session)).toEqual(['Original', 'Pasted']);
  });

  it('opens a share link as a new notebook, leaves the others alone, and clears the fragment', async () => {
    const backend = new FakeBackend();
    const first = await open(backend);
    first.notebook.edit(kernel(7, 'Original'));
    await first.session.flush();
    const link = await encodeShareFragment(JSON.stringify(kernel(9, 'Shared')));
    if (link.status !== 'ok') throw new Error('expected a link');
    const second = await open(backend, link.fragment);
    expect(second.notebook.document).toEqual(kernel(9, 'Shared'));
    expect(second.page.hash).toBe('');
    expect(titles(second.session)).toEqual(['Original', 'Shared']);
    second.notebook.edit(kernel(10, 'Shared'));
    second.session.undo(); // undo after opening a link stays in the shared notebook
    expect(second.notebook.document).toEqual(kernel(9, 'Shared'));
  });

  it('keeps the open share panel’s link in step with edits', async () => {
    vi.useRealTimers();
    const { session, notebook } = await open(new FakeBackend());
    await session.share();
    const before = session.state.share;
    notebook.edit(kernel(6, 'Untitled'));
    await vi.waitFor(() => expect(session.state.share).toMatchObject({ status: 'ready' }));
    await vi.waitFor(() => expect(session.state.share).not.toEqual(before));
    const shared = session.state.share;
    if (shared?.status !== 'ready') throw new Error('expected a link');
    const reopened = await open(new FakeBackend(), shared.url.slice(shared.url.indexOf('#')));
    expect(reopened.notebook.document).toEqual(kernel(6, 'Untitled'));
  });

  it('gives an open share panel the link of the notebook opened next, not the one before', async () => {
    vi.useRealTimers();
    const { session, notebook } = await open(new FakeBackend());
    notebook.edit(kernel(4, 'First'));
    await session.share();
    const first = session.state.share;
    if (first?.status !== 'ready') throw new Error('expected a link');
    expect(await session.openAsNew(kernel(8, 'Second'), 'test')).toBe(true);
    await vi.waitFor(() => expect(session.state.share).toMatchObject({ status: 'ready' }));
    const second = session.state.share;
    if (second?.status !== 'ready') throw new Error('expected a link');
    expect(second.url).not.toBe(first.url);
    const reopened = await open(new FakeBackend(), second.url.slice(second.url.indexOf('#')));
    expect(reopened.notebook.document).toEqual(kernel(8, 'Second'));
  });

  it('reports a corrupted link and opens the previous notebook untouched', async () => {
    const backend = new FakeBackend();
    const first = await open(backend);
    first.notebook.edit(kernel(7, 'Original'));
    await first.session.flush();
    const before = structuredClone([...backend.data]);
    const second = await open(backend, '#share=!!!');
    expect(second.notices.notices).toEqual([
      {
        id: 'share-link',
        severity: 'error',
        text: 'This share link is damaged: its data is not valid base64url.',
        dismissible: true,
      },
    ]);
    expect(second.notebook.document).toEqual(kernel(7, 'Original'));
    expect([...backend.data].filter(([key]) => key !== 'last-open-notebook')).toEqual(
      before.filter(([key]) => key !== 'last-open-notebook'),
    );
  });

  it('lists every problem of an invalid shared notebook', async () => {
    const link = await encodeShareFragment('{"cells": 3}');
    if (link.status !== 'ok') throw new Error('expected a link');
    const { session } = await open(new FakeBackend(), link.fragment);
    expect(session.state.importReport).toEqual({
      source: 'the share link',
      problems: [
        { path: 'title', message: 'expected a string' },
        { path: 'cells', message: 'expected an array' },
      ],
    });
    expect(titles(session)).toEqual(['Untitled']);
  });

  it('imports a valid file as a new notebook and reports an invalid one without changes', async () => {
    const { session, notebook } = await open(new FakeBackend());
    const file = (text: string, name: string) => Object.assign(new Blob([text]), { name });
    await session.importFile(file('{"title": 1}', 'bad.convbook.json'));
    expect(session.state.importReport?.problems).toHaveLength(2);
    expect(titles(session)).toEqual(['Untitled']);
    await session.importFile(file(JSON.stringify(kernel(4, 'Imported')), 'good.convbook.json'));
    expect(session.state.importReport).toBeUndefined();
    expect(notebook.document).toEqual(kernel(4, 'Imported'));
    expect(titles(session)).toEqual(['Imported', 'Untitled']);
  });

  it('deletes with an Undo that lasts eight seconds', async () => {
    const { session, notices } = await open(new FakeBackend());
    await session.newNotebook(kernel(1, 'Keep'));
    const untitled = session.state.entries.find((e) => e.status === 'ok' && e.meta.title === 'Untitled');
    if (untitled?.status !== 'ok') throw new Error('expected the first notebook');
    await session.deleteNotebook(untitled.meta.id);
    expect(titles(session)).toEqual(['Keep']);
    expect(notices.notices).toMatchObject([{ id: 'deleted', text: 'Deleted “Untitled”.' }]);
    await press(notices, 'deleted', 'Undo');
    expect(titles(session)).toEqual(['Keep', 'Untitled']);
    expect(notices.notices).toEqual([]);
    await session.deleteNotebook(untitled.meta.id);
    vi.advanceTimersByTime(7999);
    expect(notices.notices).toHaveLength(1);
    vi.advanceTimersByTime(2);
    expect(notices.notices).toEqual([]);
  });

  it('after deleting the open notebook, opens the next one and lists it under its own title', async () => {
    const { session, notebook } = await open(new FakeBackend());
    const firstId = session.state.currentId ?? '';
    await session.duplicateNotebook(firstId);
    await session.deleteNotebook(firstId);
    expect(notebook.document).toEqual(kernel(0, 'Untitled (copy)'));
    expect(session.state.currentId).not.toBe(firstId);
    expect(titles(session)).toEqual(['Untitled (copy)']);
  });

  it('reopens its own record even when strict validation would refuse it (saved mid-edit)', async () => {
    const backend = new FakeBackend();
    const first = await open(backend);
    first.notebook.edit({ title: 'Mid-edit', cells: 'not yet' } as unknown as Doc);
    await first.session.flush();
    const second = await open(backend);
    expect(second.notebook.document).toEqual({ title: 'Mid-edit', cells: 'not yet' });
  });

  it('renames and duplicates a notebook that is not open', async () => {
    const { session } = await open(new FakeBackend());
    const firstId = session.state.currentId ?? '';
    await session.newNotebook(kernel(2, 'Other'));
    await session.renameNotebook(firstId, 'Renamed');
    await session.duplicateNotebook(firstId);
    expect(titles(session)).toEqual(['Other', 'Renamed', 'Renamed (copy)']);
    await session.openNotebook(firstId);
    expect(session.document).toEqual(kernel(0, 'Renamed'));
  });

  it("puts the engine's own words in no storage notice (issue 13 item 10)", async () => {
    const engine = [
      new RangeError('Invalid string length'),
      new TypeError("Cannot read properties of undefined (reading 'put')"),
      Object.assign(new Error("Failed to execute 'transaction' on 'IDBDatabase'"), { name: 'UnknownError2' }),
    ];
    for (const error of engine) {
      const backend = new FakeBackend();
      const { session, notebook, notices } = await open(backend);
      backend.failNext('commit', error);
      notebook.edit(kernel(1));
      await session.flush();
      backend.failNext('getMany', error);
      backend.failNext('get', error);
      await session.refreshList();
      const messages = notices.notices.map((notice) => notice.text);
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) {
        expect(message).not.toMatch(
          /Invalid string length|Cannot read properties|Failed to execute|undefined/,
        );
        expect(message).toMatch(/Your work is kept in this tab/);
      }
      session.dispose();
    }
  });

  it('keeps working in memory when storage fails, and clears the notice once a save succeeds', async () => {
    const backend = new FakeBackend();
    const { session, notebook, notices } = await open(backend);
    backend.failNext('commit', Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
    notebook.edit(kernel(1));
    await session.flush();
    expect(notices.notices).toMatchObject([{ id: 'storage', severity: 'error', dismissible: false }]);
    expect(notebook.document).toEqual(kernel(1));
    notebook.edit(kernel(2));
    await session.flush();
    expect(notices.notices).toEqual([]);
  });

  it('remembers the open notebook at its next save when remembering it failed, so a reload reopens it', async () => {
    const backend = new FakeBackend();
    const first = await open(backend);
    const firstId = first.session.state.currentId ?? '';
    first.notebook.edit(kernel(1, 'First'));
    await first.session.flush();
    await first.session.newNotebook(kernel(2, 'Second'));
    vi.advanceTimersByTime(1000);
    // Going back to the first notebook while the disk is full: its own record is fine, but the
    // "last open" key is not written.
    backend.failNext('set', Object.assign(new Error('full'), { name: 'QuotaExceededError' }), /^last-open/);
    await first.session.openNotebook(firstId);
    await first.session.flush();
    first.notebook.edit(kernel(3, 'First'));
    await first.session.flush();
    first.session.dispose();
    const second = await open(backend);
    expect(second.notebook.document).toEqual(kernel(3, 'First'));
  });
});

describe('NotebookSession.openAsNew', () => {
  it('opens a valid example as a new notebook and reports an invalid one', async () => {
    const { session, notebook } = await open(new FakeBackend());
    expect(await session.openAsNew(kernel(3, 'Example'), 'the example')).toBe(true);
    expect(notebook.loads.at(-1)).toEqual(kernel(3, 'Example'));
    expect(titles(session)).toEqual(['Example', 'Untitled']);
    expect(await session.openAsNew({ cells: 1 }, 'the example')).toBe(false);
    expect(session.state.importReport?.source).toBe('the example');
    expect(titles(session)).toEqual(['Example', 'Untitled']);
  });
});

describe('NotebookSession across tabs', () => {
  it('saves our edit as a conflict copy when another tab saved first, and reopens the copy after reload', async () => {
    const backend = new FakeBackend();
    const tabA = await open(backend);
    const tabB = await open(backend);
    expect(tabB.session.state.currentId).toBe(tabA.session.state.currentId);
    tabA.notebook.edit(kernel(1, 'Untitled'));
    await tabA.session.flush();
    tabB.notebook.edit(kernel(2, 'Untitled'));
    await tabB.session.flush();
    expect(tabB.notices.notices).toMatchObject([{ id: 'conflict', severity: 'info' }]);
    await vi.waitFor(() => expect(titles(tabB.session)).toEqual(['Untitled', 'Untitled (conflict copy)']));
    expect(tabB.notebook.document).toEqual(kernel(2, 'Untitled (conflict copy)'));
    await tabB.session.flush();
    const reopened = await open(backend);
    expect(reopened.notebook.document).toEqual(kernel(2, 'Untitled (conflict copy)'));
    expect(reopened.session.state.currentId).toBe(tabB.session.state.currentId);
  });

  it('loads the version another tab saved when asked, and then saves on top of it', async () => {
    const backend = new FakeBackend();
    const name = `test-${Math.random()}`;
    const channels = [new NotebookChannel(name), new NotebookChannel(name)] as const;
    const tabA = await open(backend, '', channels[0]);
    const tabB = await open(backend, '', channels[1]);
    tabA.notebook.edit(kernel(4, 'Untitled'));
    await tabA.session.flush();
    await vi.waitFor(() => expect(tabB.notices.notices.map((n) => n.id)).toContain('changed-elsewhere'));
    await press(tabB.notices, 'changed-elsewhere', 'Open the newer version');
    expect(tabB.notebook.document).toEqual(kernel(4, 'Untitled'));
    tabB.notebook.edit(kernel(5, 'Untitled'));
    await tabB.session.flush();
    expect(tabB.notices.notices).toEqual([]);
    expect(titles(tabB.session)).toEqual(['Untitled']);
    for (const channel of channels) channel.close();
  });

  it('keeps the list row of the open notebook fresh after a save', async () => {
    const { session, notebook } = await open(new FakeBackend());
    notebook.edit(kernel(1, 'Renamed by typing'));
    await session.flush();
    expect(titles(session)).toEqual(['Renamed by typing']);
  });
});

import { NoticeBoard } from '../notices/notice-board';
import type { FakeBackend } from '../storage/fake-backend';
import type { NotebookChannel } from '../storage/notebook-channel';
import { NotebookStore } from '../storage/notebook-store';
import { FakeNotebook } from './fake-notebook';
import { NotebookSession } from './notebook-session';
import type { DocumentCodec, PageAddress } from './session-state';

// What the NotebookSession tests share: a tiny document type with its codec, a page address, and a
// session opened over a fake IndexedDB with a fake runtime attached, as the app does on load.

export interface Doc {
  title: string;
  cells: { id: string; params: Record<string, unknown> }[];
}

class ProblemsError extends Error {
  constructor(readonly problems: { path: string; message: string }[]) {
    super('invalid');
  }
}

export const codec: DocumentCodec<Doc> = {
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

export const kernel = (w: number, title = 'Edges'): Doc => ({ title, cells: [{ id: 'k', params: { w } }] });

export function address(hash = ''): PageAddress & { hash: string } {
  return {
    base: 'http://localhost/',
    hash,
    clearHash() {
      this.hash = '';
    },
  };
}

/** A session as the app starts one: `start`, then the runtime attached, then the list read. */
export async function open(backend: FakeBackend, hash = '', channel?: NotebookChannel) {
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
export async function press(board: NoticeBoard, id: string, label: string): Promise<void> {
  const action = board.notices.find((n) => n.id === id)?.actions?.find((a) => a.label === label);
  if (!action) throw new Error(`no “${label}” on notice ${id}`);
  await action.run();
}

/** The titles in the notebook list, sorted; a damaged row shows as damaged:<id>. */
export const titles = (session: NotebookSession<Doc>) =>
  session.state.entries.map((e) => (e.status === 'ok' ? e.meta.title : `damaged:${e.id}`)).sort();

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../storage/fake-backend';
import { kernel, open } from './session-test-fixture';

describe('NotebookSession when storage fails', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] }));
  afterEach(() => vi.useRealTimers());

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
    await first.session.list.open(firstId);
    await first.session.flush();
    first.notebook.edit(kernel(3, 'First'));
    await first.session.flush();
    first.session.dispose();
    const second = await open(backend);
    expect(second.notebook.document).toEqual(kernel(3, 'First'));
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../storage/fake-backend';
import { kernel, open, press, titles } from './session-test-fixture';

describe('NotebookListActions, through the session', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('deletes with an Undo that lasts eight seconds', async () => {
    const { session, notices } = await open(new FakeBackend());
    await session.newNotebook(kernel(1, 'Keep'));
    const untitled = session.state.entries.find((e) => e.status === 'ok' && e.meta.title === 'Untitled');
    if (untitled?.status !== 'ok') throw new Error('expected the first notebook');
    await session.list.delete(untitled.meta.id);
    expect(titles(session)).toEqual(['Keep']);
    expect(notices.notices).toMatchObject([{ id: 'deleted', text: 'Deleted “Untitled”.' }]);
    await press(notices, 'deleted', 'Undo');
    expect(titles(session)).toEqual(['Keep', 'Untitled']);
    expect(notices.notices).toEqual([]);
    await session.list.delete(untitled.meta.id);
    vi.advanceTimersByTime(7999);
    expect(notices.notices).toHaveLength(1);
    vi.advanceTimersByTime(2);
    expect(notices.notices).toEqual([]);
  });

  it('after deleting the open notebook, opens the next one and lists it under its own title', async () => {
    const { session, notebook } = await open(new FakeBackend());
    const firstId = session.state.currentId ?? '';
    await session.list.duplicate(firstId);
    await session.list.delete(firstId);
    expect(notebook.document).toEqual(kernel(0, 'Untitled (copy)'));
    expect(session.state.currentId).not.toBe(firstId);
    expect(titles(session)).toEqual(['Untitled (copy)']);
  });

  it('renames and duplicates a notebook that is not open', async () => {
    const { session } = await open(new FakeBackend());
    const firstId = session.state.currentId ?? '';
    await session.newNotebook(kernel(2, 'Other'));
    await session.list.rename(firstId, 'Renamed');
    await session.list.duplicate(firstId);
    expect(titles(session)).toEqual(['Other', 'Renamed', 'Renamed (copy)']);
    await session.list.open(firstId);
    expect(session.document).toEqual(kernel(0, 'Renamed'));
  });
});

import { describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../storage/fake-backend';
import { NotebookChannel } from '../storage/notebook-channel';
import { kernel, open, press, titles } from './session-test-fixture';

describe('NotebookSwitcher, through the session: another tab saved the open notebook', () => {
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

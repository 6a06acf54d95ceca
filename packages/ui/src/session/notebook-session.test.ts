import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../storage/fake-backend';
import { type Doc, kernel, open, titles } from './session-test-fixture';

describe('NotebookSession: starting, reloading and undo', () => {
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

  it('reopens its own record even when strict validation would refuse it (saved mid-edit)', async () => {
    const backend = new FakeBackend();
    const first = await open(backend);
    first.notebook.edit({ title: 'Mid-edit', cells: 'not yet' } as unknown as Doc);
    await first.session.flush();
    const second = await open(backend);
    expect(second.notebook.document).toEqual({ title: 'Mid-edit', cells: 'not yet' });
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
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeShareFragment } from '../share/share-link';
import { FakeBackend } from '../storage/fake-backend';
import { kernel, open, titles } from './session-test-fixture';

describe('NotebookSession: share links, files and examples', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] }));
  afterEach(() => vi.useRealTimers());

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

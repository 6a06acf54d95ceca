import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { type AppSession, cellIds, waitForIdle } from './browser';
import {
  exportedDocument,
  exportNotebook,
  importNotebookFile,
  savedNotebookTitles,
} from './notebook-actions';
import { alertTexts } from './ui-actions';

// Flows 4 and 6 (files): a notebook exported and imported again is the same notebook; a broken file is
// refused with every problem listed, and nothing that was saved or open changes.

describe('export and import', () => {
  const session = useAppSession();

  it('exports a file that imports as an equal notebook', async () => {
    const { page } = session;
    const exported = await exportNotebook(page);
    expect(exported.name).toMatch(/\.convbook\.json$/);
    const original = JSON.parse(exported.text) as { title: string; cells: unknown };

    await importNotebookFile(page, exported.name, exported.text);
    await waitForIdle(page);
    expect(await alertTexts(page)).toEqual([]);
    const reimported = await exportedDocument(page);
    expect(reimported.cells).toEqual(original.cells);
    expect(String(reimported.title)).toContain(original.title);
  });

  it('refuses a file that is not JSON, says why, and changes nothing', async () => {
    const { page } = session;
    const before = await snapshot(page);
    await importNotebookFile(page, 'broken.convbook.json', '{"format": "convbook", "cells": [');
    await expect.poll(async () => (await alertTexts(page)).join('\n'), { timeout: 5_000 }).toMatch(/JSON/i);
    expect(await snapshot(page)).toEqual(before);
  });

  it('refuses an invalid notebook and lists every problem in it', async () => {
    const { page } = session;
    const before = await snapshot(page);
    const invalid = {
      format: 'convbook',
      version: 1,
      title: 'Two mistakes',
      cells: [
        {
          id: 'picture',
          kind: 'image',
          params: {
            values: [
              [0, 1],
              [1, 0],
            ],
          },
        },
        { id: 'mystery', kind: 'hologram', params: {} },
        // A dangling input is the cell's problem, not the file's (the app exports such notebooks); a
        // stride of 0 is the file's.
        { id: 'edges', kind: 'conv', inputs: { input: 'picture', kernel: 'nowhere' }, params: { stride: 0 } },
      ],
    };
    await importNotebookFile(page, 'two-mistakes.convbook.json', JSON.stringify(invalid));
    // Poll for this file's report: the previous test's alert may still be on screen.
    await expect
      .poll(async () => (await alertTexts(page)).join('\n'), { timeout: 5_000 })
      .toContain('hologram');
    expect((await alertTexts(page)).join('\n')).toContain('stride');
    expect((await alertTexts(page)).join('\n')).not.toContain('nowhere');
    expect(await snapshot(page)).toEqual(before);
  });
});

/** What must not change when an import fails: the saved notebooks and the open notebook's cells. */
async function snapshot(page: AppSession['page']): Promise<{ saved: string[]; open: string[] }> {
  return { saved: await savedNotebookTitles(page), open: await cellIds(page) };
}

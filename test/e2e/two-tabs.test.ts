import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppSession, openApp, startSession } from './browser';
import { editTopLeftWeight, topLeftWeight } from './kernel-edits';
import { savedNotebookTitles } from './notebook-actions';
import { intactNotebooks, readStoredRecords, type StoredNotebook, storedWeight } from './stored-notebooks';

// Two tabs on one notebook (issue 6): tab B opened the notebook, tab A saved a newer revision, then B
// edits its older copy. B must not overwrite A's work: A's revision stays as it is, B's version is kept
// as a "conflict copy", and B tells its user. Both with and without the BroadcastChannel hint between tabs
// (the store's revision check is what must hold when the hint does not arrive).

const KERNEL = 'sobelX';

/** The stored notebooks' titles with their top-left sobelX weight (undefined while a kernel is still a preset). */
async function storedVersions(page: Page): Promise<Map<string, number | undefined>> {
  const weightOf = (notebook: StoredNotebook) => {
    try {
      return storedWeight(notebook, KERNEL, 0, 0);
    } catch {
      return undefined;
    }
  };
  const notebooks = intactNotebooks(await readStoredRecords(page));
  return new Map(notebooks.map((notebook) => [notebook.title, weightOf(notebook)]));
}

const noticeTexts = async (page: Page) =>
  (await page.locator('cb-notices [role]').allTextContents())
    .map((t) => t.replace(/\s+/g, ' ').trim())
    .join('\n');

describe.each([
  ['tabs that hear each other', false],
  ['tabs without BroadcastChannel', true],
])('two tabs on one notebook: %s', (_name, deaf) => {
  let session: AppSession;

  beforeEach(async () => {
    session = await startSession();
  });
  afterEach(async () => {
    await session?.close();
  });

  it('keeps both versions and tells the tab whose save would have overwritten the other', async () => {
    const tabA = session.page;
    await openApp(tabA);
    // Wait until the first visit is stored, so tab B opens the same notebook rather than a new one.
    await expect.poll(async () => (await storedVersions(tabA)).size, { timeout: 5_000 }).toBe(1);
    const [title] = (await storedVersions(tabA)).keys();

    const tabB = await session.context.newPage();
    if (deaf) await tabB.addInitScript({ content: 'delete window.BroadcastChannel;' });
    await openApp(tabB);
    expect(await savedNotebookTitles(tabB)).toEqual([title]);
    const original = await topLeftWeight(tabB);

    await editTopLeftWeight(tabA, original + 20);
    await expect
      .poll(async () => (await storedVersions(tabA)).get(title ?? ''), { timeout: 5_000 })
      .toBe(original + 20);
    if (!deaf) {
      await expect.poll(() => noticeTexts(tabB), { timeout: 5_000 }).toMatch(/just saved in another tab/);
    }

    await editTopLeftWeight(tabB, original + 30);
    const copyTitle = `${title} (conflict copy)`;
    await expect
      .poll(async () => Object.fromEntries(await storedVersions(tabB)), { timeout: 5_000 })
      .toEqual({ [title ?? '']: original + 20, [copyTitle]: original + 30 });
    await expect
      .poll(() => noticeTexts(tabB), { timeout: 5_000 })
      .toMatch(/changed in another tab.*conflict copy/);
    expect(await savedNotebookTitles(tabB)).toEqual(expect.arrayContaining([title, copyTitle]));

    // Each tab goes on saving to its own notebook: no further copies, nothing overwritten.
    await editTopLeftWeight(tabA, original + 21);
    await editTopLeftWeight(tabB, original + 31);
    await expect
      .poll(async () => Object.fromEntries(await storedVersions(tabA)), { timeout: 5_000 })
      .toEqual({ [title ?? '']: original + 21, [copyTitle]: original + 31 });
    await tabB.close();
  });
});

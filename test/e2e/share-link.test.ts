import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { cellIds, waitForIdle } from './browser';
import { exportedDocument, loadUrl, savedNotebookTitles, shareLink } from './notebook-actions';
import { alertTexts } from './ui-actions';

// Flows 5 and 6 (links): a share link opens a copy as a new notebook and leaves the original alone; a
// damaged link is refused with a message, and nothing saved or open changes.

describe('share links', () => {
  const session = useAppSession();

  it('opens a shared notebook as a new, equal notebook and keeps the original', async () => {
    const { page } = session;
    const original = await exportedDocument(page);
    const savedBefore = await savedNotebookTitles(page);
    const url = await shareLink(page);
    expect(url).toMatch(/#share=[\w-]+$/);

    await loadUrl(page, url);
    expect(await alertTexts(page)).toEqual([]);
    expect((await exportedDocument(page)).cells).toEqual(original.cells);
    const savedAfter = await savedNotebookTitles(page);
    expect(savedAfter).toHaveLength(savedBefore.length + 1);
    expect(savedAfter).toEqual(expect.arrayContaining(savedBefore));
    // The link is consumed: a reload must not import the notebook a second time.
    expect(new URL(page.url()).hash).toBe('');

    // The original is still there, unchanged: open it from the list (the row that is not open now).
    await page.locator('cb-notebook-list li[aria-current="false"]').first().locator('button').first().click();
    await waitForIdle(page);
    expect(await exportedDocument(page)).toEqual(original);
  });

  it('opens a link pasted into the address bar of the open app (a hash change, no reload)', async () => {
    const { page } = session;
    const savedBefore = await savedNotebookTitles(page);
    const url = await shareLink(page);
    await page.keyboard.press('Escape');
    await page.evaluate(
      (fragment) => {
        window.location.hash = fragment;
      },
      url.slice(url.indexOf('#')),
    );
    await expect.poll(() => page.url(), { timeout: 5_000 }).not.toContain('#share=');
    await waitForIdle(page);
    await expect
      .poll(async () => (await savedNotebookTitles(page)).length, { timeout: 5_000 })
      .toBe(savedBefore.length + 1);
  });

  it('refuses a damaged link, says so, and changes nothing', async () => {
    const { page } = session;
    const savedBefore = await savedNotebookTitles(page);
    const openBefore = await cellIds(page);
    const url = await shareLink(page);
    const damaged = `${url.slice(0, url.indexOf('#share=') + 7)}AAAA${url.slice(url.indexOf('#share=') + 40)}`;

    await loadUrl(page, damaged);
    await expect.poll(async () => (await alertTexts(page)).join('\n'), { timeout: 5_000 }).toMatch(/link/i);
    expect(await savedNotebookTitles(page)).toEqual(savedBefore);
    expect(await cellIds(page)).toEqual(openBefore);
  });
});

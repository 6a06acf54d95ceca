import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { waitForIdle } from './browser';
import { toolbarButton } from './ui-actions';

/** Whole-notebook actions through the toolbar: export, import, share, the list of saved notebooks. */

/** Clicks Export and returns the downloaded file's name and text. */
export async function exportNotebook(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    toolbarButton(page, 'Export').click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** The exported document, parsed, for comparing two notebooks by content. */
export async function exportedDocument(page: Page): Promise<{ title: unknown; cells: unknown }> {
  const parsed = JSON.parse((await exportNotebook(page)).text) as { title?: unknown; cells?: unknown };
  return { title: parsed.title, cells: parsed.cells };
}

/** Clicks Import and picks a file with the given name and content through the real file chooser. */
export async function importNotebookFile(page: Page, name: string, text: string): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    toolbarButton(page, 'Import').click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
}

/** Reads the shareable URL the Share link dialog offers. */
export async function shareLink(page: Page): Promise<string> {
  await toolbarButton(page, 'Share link').click();
  const field = page.getByRole('textbox', { name: 'Share link' });
  await field.waitFor({ state: 'visible', timeout: 10_000 });
  return field.inputValue();
}

/** Opens a URL as a fresh page load (a hash-only change would not reload) and waits for the notebook. */
export async function loadUrl(page: Page, url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
  await waitForIdle(page);
}

/** The titles in the saved-notebooks list, opening the side panel if it is closed. */
export async function savedNotebookTitles(page: Page): Promise<string[]> {
  const list = page.locator('cb-notebook-list');
  if (!(await list.isVisible())) await toolbarButton(page, 'Notebooks').click();
  await list.waitFor({ state: 'visible', timeout: 5_000 });
  // The list refreshes from IndexedDB after each save; give it a moment to settle.
  await page.waitForTimeout(300);
  const rows = list.locator('li');
  const titles: string[] = [];
  for (let index = 0; index < (await rows.count()); index++) {
    titles.push(((await rows.nth(index).locator('button').first().textContent()) ?? '').trim());
  }
  return titles;
}

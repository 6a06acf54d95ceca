import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { at } from '@convbook/core';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cell, cellIds, VIEWPORT, waitForIdle } from './browser';
import { topLeftWeight } from './kernel-edits';
import { type StaticServer, serveDist } from './serve-dist';
import { lastOpenNotebook, readStoredRecords } from './stored-notebooks';
import { weightInput } from './ui-actions';

// Issue 9: no edit is ever lost. A person types a weight and presses Enter (or renames the notebook,
// uploads a picture, adds or deletes a cell) and reloads at once — 0, 50, 150 ms later — or quits the
// browser. Every time, the reopened notebook holds the edit. The profile is a real persistent one.

const KERNEL = 'sobelX';
const RELOAD_DELAYS_MS = [0, 50, 150];
/** A 1×1 PNG, so the upload is decoded and stored for real. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

let server: StaticServer;
let profile: string;
let context: BrowserContext;

async function launch(): Promise<Page> {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    headless: true,
    baseURL: server.url,
    viewport: VIEWPORT,
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('./');
  await waitForIdle(page);
  return page;
}

async function reload(page: Page, delayMs: number): Promise<void> {
  if (delayMs > 0) await page.waitForTimeout(delayMs);
  await page.reload();
  await waitForIdle(page);
}

/** Types into a field and presses Enter, as a person does; nothing else is waited for. */
async function enter(field: ReturnType<Page['locator']>, text: string): Promise<void> {
  await field.fill(text);
  await field.press('Enter');
}

const notebookTitle = (page: Page) => page.getByRole('textbox', { name: 'Notebook title' });

describe('edits survive an immediate reload and a browser restart', () => {
  beforeAll(async () => {
    server = await serveDist();
    profile = await mkdtemp(join(tmpdir(), 'convbook-reload-'));
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
    await rm(profile, { recursive: true, force: true });
  });

  it('keeps a weight typed and entered just before a reload, every time', async () => {
    let page = await launch();
    const start = await topLeftWeight(page);
    const kept: string[] = [];
    for (const [i, delay] of RELOAD_DELAYS_MS.entries()) {
      const value = start + i + 1;
      await enter(weightInput(cell(page, KERNEL), 1, 1), String(value));
      await reload(page, delay);
      kept.push(`${delay} ms: ${await topLeftWeight(page)} (typed ${value})`);
    }
    expect(kept).toEqual(
      RELOAD_DELAYS_MS.map((delay, i) => `${delay} ms: ${start + i + 1} (typed ${start + i + 1})`),
    );

    await enter(weightInput(cell(page, KERNEL), 1, 1), String(start + 10));
    // Quit the browser in the first frame after Enter: the earliest moment a person could see the edit
    // applied. (Without this wait a loaded machine may quit before the page has even handled the key.)
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    await context.close();
    page = await launch();
    expect(await topLeftWeight(page)).toBe(start + 10);
  });

  it('keeps a new title, an added and a removed cell, each reloaded at once', async () => {
    let page = context.pages()[0] as Page;
    for (const delay of RELOAD_DELAYS_MS) {
      const title = `Renamed before a ${delay} ms reload`;
      await enter(notebookTitle(page), title);
      await reload(page, delay);
      expect(await notebookTitle(page).inputValue()).toBe(title);
    }

    const before = await cellIds(page);
    await page.getByRole('button', { name: '+ Add cell' }).click();
    await page.getByRole('menuitem', { name: /^Note/ }).click();
    await reload(page, 0);
    const added = (await cellIds(page)).filter((id) => !before.includes(id));
    expect(added).toHaveLength(1);

    const removed = at(before, 0);
    const menu = cell(page, removed).locator('summary');
    await menu.click();
    await cell(page, removed).getByRole('button', { name: 'Delete' }).click();
    await reload(page, 0);
    expect(await cellIds(page)).not.toContain(removed);

    await context.close();
    page = await launch();
    expect(await cellIds(page)).toEqual(expect.arrayContaining(added));
    expect(await cellIds(page)).not.toContain(removed);
  });

  it('keeps an uploaded picture when the page is reloaded as soon as it shows', async () => {
    const page = context.pages()[0] as Page;
    const image = page.locator('cb-cell[data-cell-kind="image"]').first();
    const id = (await image.getAttribute('data-cell-id')) ?? '';
    await image
      .getByLabel('Picture file')
      .setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => page.evaluate(() => document.body.dataset.ready)).toBe('true');
    await expect.poll(async () => (await image.getAttribute('data-status')) ?? '').not.toBe('');
    // As soon as the page has the picture (the cell recomputes), reload.
    await page.waitForFunction((cellId) => {
      const app = document.querySelector('cb-app') as unknown as {
        notebook: { document?: { cells: { id: string; params?: { png?: unknown } }[] } };
      };
      return app.notebook.document?.cells.find((c) => c.id === cellId)?.params?.png !== undefined;
    }, id);
    await reload(page, 0);
    const stored = lastOpenNotebook(await readStoredRecords(page));
    const params = stored?.document.cells.find((c) => c.id === id)?.params;
    expect(typeof params?.png).toBe('string');
  });
});

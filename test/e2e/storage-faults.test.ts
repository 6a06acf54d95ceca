import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { cell, cellIds, openApp, waitForIdle } from './browser';
import {
  failedWrites,
  type IndexedDbOutage,
  injectIndexedDbOutage,
  injectWriteFaults,
  setWriteFault,
} from './idb-faults';
import { editTopLeftWeight, storedTopLeftWeight, topLeftWeight } from './kernel-edits';
import { exportNotebook, savedNotebookTitles } from './notebook-actions';
import { intactNotebooks, lastOpenNotebook, readStoredRecords, writeStoredRecords } from './stored-notebooks';
import { alertTexts } from './ui-actions';

// Storage faults (issue 6), in real Chromium with real IndexedDB: a full disk, no IndexedDB at all, a save
// cut in half, and damaged records. Each time the notebook in memory keeps working, the user is told, and
// what was saved before stays readable. The faults are injected before the app's scripts run.

const KERNEL = 'sobelX';

const storageAlert = async (page: Page) => (await alertTexts(page)).join('\n');

describe('a full disk (QuotaExceededError on every write)', () => {
  const session = useAppSession({ prepare: (started) => injectWriteFaults(started.page, 'quota') });

  it('tells the user, keeps computing in memory, exports, and saves again once space is back', async () => {
    const { page } = session;
    const original = await topLeftWeight(page);
    await editTopLeftWeight(page, original + 3);
    expect(await failedWrites(page)).toBeGreaterThan(0);
    await expect.poll(() => storageAlert(page), { timeout: 5_000 }).toMatch(/storage for this site is full/);
    expect(await storageAlert(page)).toMatch(/export it to a file/);
    // Persistent: it has no close button, and only a successful save takes it away.
    expect(await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).count()).toBe(0);

    // The notebook lives on in memory: a further edit recomputes, and the alert stays up.
    await editTopLeftWeight(page, original + 4);
    expect(await storageAlert(page)).toMatch(/full/);
    const exported = JSON.parse((await exportNotebook(page)).text) as {
      cells: { id: string; params?: { values?: number[][] } }[];
    };
    expect(exported.cells.find((c) => c.id === KERNEL)?.params?.values?.[0]?.[0]).toBe(original + 4);

    // Space comes back: the next change is saved, the alert goes, and a reload shows the change.
    await setWriteFault(page, 'off');
    await editTopLeftWeight(page, original + 5);
    await expect.poll(() => storageAlert(page), { timeout: 5_000 }).toBe('');
    await expect.poll(() => storedTopLeftWeight(page), { timeout: 5_000 }).toBe(original + 5);
    // Remembering the open notebook failed at the start; the first good save remembers it.
    await expect
      .poll(async () => (await readStoredRecords(page))['last-open-notebook'], { timeout: 5_000 })
      .toBe(lastOpenNotebook(await readStoredRecords(page))?.id);
    await page.reload();
    await waitForIdle(page);
    expect(await topLeftWeight(page)).toBe(original + 5);
    expect(session.pageErrors.filter((e) => e.startsWith('uncaught'))).toEqual([]);
  });
});

describe('IndexedDB unavailable', () => {
  const session = useAppSession({ open: false });

  const outages: [IndexedDbOutage, RegExp][] = [
    ['missing', /does not allow storage here/],
    ['open-error', /does not allow storage here/],
    ['blocked', /did not answer/],
  ];
  it.each(outages)('%s: opens the lecture, says so, computes and exports', async (outage, message) => {
    const page = await session.context.newPage();
    try {
      await injectIndexedDbOutage(page, outage);
      const started = Date.now();
      await openApp(page);
      const readyMs = Date.now() - started;
      expect(readyMs, 'a blocked store must not hold the app up for long').toBeLessThan(15_000);
      expect(await cellIds(page)).toContain(KERNEL);
      await expect.poll(() => storageAlert(page), { timeout: 10_000 }).toMatch(message);
      const edited = (await topLeftWeight(page)) + 2;
      await editTopLeftWeight(page, edited);
      const exported = (await exportNotebook(page)).text;
      const kernel = (
        JSON.parse(exported) as { cells: { id: string; params?: { values?: number[][] } }[] }
      ).cells.find((c) => c.id === KERNEL);
      expect(kernel?.params?.values?.[0]?.[0]).toBe(edited);
      expect(await storageAlert(page)).toMatch(message);
      console.info(`IndexedDB ${outage}: app ready in ${readyMs} ms`);
    } finally {
      await page.close();
    }
  });
});

describe('a save that fails half way (revision written, pointer write refused)', () => {
  const session = useAppSession({ prepare: (started) => injectWriteFaults(started.page, 'off') });

  it('reopens the last good version, lists nothing as damaged, and the next save goes through', async () => {
    const { page } = session;
    const original = await topLeftWeight(page);
    await editTopLeftWeight(page, original + 1);
    await expect.poll(() => storedTopLeftWeight(page), { timeout: 5_000 }).toBe(original + 1);
    const good = lastOpenNotebook(await readStoredRecords(page));

    await setWriteFault(page, 'pointer');
    await editTopLeftWeight(page, original + 7);
    await expect.poll(() => storageAlert(page), { timeout: 5_000 }).toMatch(/Could not save/);
    const halfSaved = await readStoredRecords(page);
    // One transaction: the revision written before the refused pointer write is rolled back with it.
    expect(Object.keys(halfSaved)).not.toContain(`notebook:${good?.id}:rev${(good?.revision ?? 0) + 1}`);
    expect(lastOpenNotebook(halfSaved)?.revision).toBe(good?.revision);

    // Reload with the fault still on (the page-hide flush fails too): the last good version opens.
    await page.reload();
    await waitForIdle(page);
    expect(await topLeftWeight(page)).toBe(original + 1);
    const titles = await savedNotebookTitles(page);
    expect(titles).toHaveLength(1);
    expect(await page.locator('cb-notebook-list li.damaged').count()).toBe(0);
    expect(intactNotebooks(await readStoredRecords(page))).toHaveLength(1);

    // With writes working again, the next edit is saved, and only its revision is kept.
    await setWriteFault(page, 'off');
    await editTopLeftWeight(page, original + 9);
    await expect.poll(() => storedTopLeftWeight(page), { timeout: 5_000 }).toBe(original + 9);
    const revisions = Object.keys(await readStoredRecords(page)).filter((key) => key.includes(':rev'));
    expect(revisions).toHaveLength(1);
  });
});

describe('damaged records next to good ones', () => {
  const session = useAppSession();

  it('opens the good notebooks and lists each damaged one as damaged', async () => {
    const { page } = session;
    await expect
      .poll(async () => lastOpenNotebook(await readStoredRecords(page)), { timeout: 5_000 })
      .toBeDefined();
    const good = lastOpenNotebook(await readStoredRecords(page));
    const now = Date.now();
    const pointer = (id: string, title: string) => ({
      id,
      title,
      createdAt: now,
      updatedAt: now + 1000,
      revision: 1,
    });
    const revision = (id: string, title: string, document: string) => ({ ...pointer(id, title), document });
    const invalidNotebook = JSON.stringify({
      format: 'convbook',
      version: 1,
      title: 'Unknown kind',
      cells: [{ id: 'x', kind: 'hologram' }],
    });
    const smallNotebook = JSON.stringify({
      format: 'convbook',
      version: 1,
      title: 'Small and fine',
      cells: [
        {
          id: 'm',
          kind: 'image',
          params: {
            values: [
              [1, 2],
              [3, 4],
            ],
          },
        },
        // Saved while the cell showed an error (a pool of size 0): the app's own records are read
        // leniently, so this notebook opens and the cell shows its error again.
        { id: 'p', kind: 'pool', inputs: { input: 'm' }, params: { kind: 'max', size: 0 } },
      ],
    });
    await writeStoredRecords(page, {
      'notebook:garbage': pointer('garbage', 'Not JSON inside'),
      'notebook:garbage:rev1': revision('garbage', 'Not JSON inside', '{"format": "convbook", "cel'),
      'notebook:invalid': pointer('invalid', 'Unknown kind'),
      'notebook:invalid:rev1': revision('invalid', 'Unknown kind', invalidNotebook),
      'notebook:no-body': pointer('no-body', 'Revision lost'),
      'notebook:scrambled': 'a string where a pointer belongs',
      // Older than the lecture, so the fallback from the damaged last-open notebook is the lecture.
      'notebook:fine': { ...pointer('fine', 'Small and fine'), updatedAt: 1000 },
      'notebook:fine:rev1': { ...revision('fine', 'Small and fine', smallNotebook), updatedAt: 1000 },
      // The damaged notebook was the one open last: the app must fall back to a good one.
      'last-open-notebook': 'garbage',
    });

    await page.reload();
    await waitForIdle(page);
    expect(await cellIds(page)).toContain(KERNEL);
    await savedNotebookTitles(page); // opens the list
    const rows = page.locator('cb-notebook-list li');
    const healthy = (await rows.locator(':scope:not(.damaged) button.open').allTextContents()).map((t) =>
      t.trim(),
    );
    expect(healthy.sort()).toEqual([good?.title, 'Small and fine'].sort());
    const damaged = (await page.locator('cb-notebook-list li.damaged').allTextContents()).map((t) =>
      t.replace(/\s+/g, ' ').trim(),
    );
    expect(damaged).toHaveLength(4);
    for (const title of ['Not JSON inside', 'Unknown kind', 'Revision lost', 'Unreadable notebook']) {
      expect(damaged.find((row) => row.startsWith(title))).toMatch(/Damaged, cannot be opened: \S/);
    }
    expect(damaged.join('\n')).toContain('hologram');
    console.info(`damaged rows: ${damaged.join(' | ')}`);

    // The other good notebook opens too, out-of-range parameter and all.
    await page
      .locator('cb-notebook-list')
      .getByRole('button', { name: 'Small and fine', exact: true })
      .click();
    await expect.poll(() => cellIds(page), { timeout: 10_000 }).toEqual(['m', 'p']);
    await waitForIdle(page);
    expect(await cell(page, 'p').getAttribute('data-status')).toBe('error');
    expect(await cell(page, 'p').getByText(/size/).count()).toBeGreaterThan(0);
    expect(await cell(page, 'm').getAttribute('data-status')).toBe('ok');
    expect(session.pageErrors.filter((e) => e.startsWith('uncaught'))).toEqual([]);
  });
});

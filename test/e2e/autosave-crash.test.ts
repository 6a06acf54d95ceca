import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { cell, openApp, waitForIdle } from './browser';
import { topLeftWeight } from './kernel-edits';
import { intactNotebooks, lastOpenNotebook, readStoredRecords, storedWeight } from './stored-notebooks';
import { typeValue, weightInput } from './ui-actions';

// Crash safety of autosave (issue 6): a burst of edits, then the tab's renderer is killed (DevTools
// `Page.crash`, no unload handlers run) at different moments after the last edit, while the debounced save
// may be in flight. Reopened in the same profile, the notebook must open whole, with a version the user
// had: the one before the burst or one from it, and after a quiet debounce window, the last one.

const KERNEL = 'sobelX';
const BURST = 5;
/** Autosave's debounce (packages/ui/src/autosave/autosave.ts). */
const DEBOUNCE_MS = 300;
/** Delays from the last edit to the kill; the last is well past the debounce, so the burst must be saved. */
const KILL_DELAYS_MS = [0, 50, 150, 250, 300, 310, 320, 400, 1500];

async function crash(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  // The crash ends the session before it can answer, so do not wait for a reply.
  void cdp.send('Page.crash').catch(() => undefined);
  await page.waitForEvent('crash', { timeout: 5_000 });
  await page.close().catch(() => undefined);
}

describe('autosave when the tab is killed mid-save', () => {
  const session = useAppSession();

  it('reopens a whole notebook holding the version before the burst or one from it', async () => {
    let page = session.page;
    // Start from literal weights that are stored, so every outcome can be read back from the records.
    const first = (await topLeftWeight(page)) + 1;
    await typeValue(page, weightInput(cell(page, KERNEL), 1, 1), first);
    await expect
      .poll(async () => {
        const stored = lastOpenNotebook(await readStoredRecords(page));
        return stored && storedWeight(stored, KERNEL, 0, 0);
      })
      .toBe(first);
    const outcomes: string[] = [];
    for (const [run, delay] of KILL_DELAYS_MS.entries()) {
      // Reopen: the previous run's page is dead; this is the version every run starts from.
      const before = await topLeftWeight(page);
      const burst = Array.from({ length: BURST }, (_, i) => before + (run + 1) * 10 + i + 1);
      for (const value of burst) await typeValue(page, weightInput(cell(page, KERNEL), 1, 1), value);
      await page.waitForTimeout(delay);
      await crash(page);

      page = await session.context.newPage();
      await openApp(page);
      const reopened = await topLeftWeight(page);
      const records = await readStoredRecords(page);
      // Every notebook's pointer names a revision that is there and parses (throws otherwise).
      const notebooks = intactNotebooks(records);
      expect(notebooks).toHaveLength(1);
      expect(await page.locator('cb-notebook-list li.damaged').count()).toBe(0);
      expect([before, ...burst]).toContain(reopened);
      const stored = lastOpenNotebook(records);
      expect(stored && storedWeight(stored, KERNEL, 0, 0)).toBe(reopened);
      if (delay >= DEBOUNCE_MS * 5) expect(reopened).toBe(burst.at(-1));
      // Orphans of an interrupted save are allowed, but at most one beyond the current revision.
      expect(Object.keys(records).filter((key) => key.includes(':rev')).length).toBeLessThanOrEqual(2);
      const which = reopened === before ? 'previous' : reopened === burst.at(-1) ? 'latest' : 'intermediate';
      outcomes.push(`${delay} ms: ${which} (rev ${stored?.revision})`);
    }
    console.info(`kills after the last edit → reopened version: ${outcomes.join('; ')}`);
    await waitForIdle(page);
  });
});

import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { cell, openApp } from './browser';
import { storedTopLeftWeight, topLeftWeight } from './kernel-edits';
import { intactNotebooks, lastOpenNotebook, readStoredRecords, storedWeight } from './stored-notebooks';
import { typeValue, weightInput } from './ui-actions';

// Issue 9: a save is one transaction, so a renderer killed between ANY two of its IndexedDB operations
// leaves the previous revision or the new one, never a mix. An init script counts the operations of
// readwrite transactions (get, put, delete, commit); after the N-th it asks the test to crash the renderer
// (DevTools Page.crash) and spins, so no further operation is issued before the process dies.

const KERNEL = 'sobelX';
/** A save issues get, put (revision), put (pointer), delete ×2 (pruning) and commit: six operations. */
const OPERATIONS = 6;
const ARM_KEY = 'convbook-test-kill-after';

const COUNT_AND_KILL = `(() => {
  let count = 0;
  const armed = () => Number(sessionStorage.getItem(${JSON.stringify(ARM_KEY)}) || 0);
  const after = (transaction) => {
    if (transaction.mode !== 'readwrite' || armed() === 0) return;
    count++;
    if (count !== armed()) return;
    window.__killNow();
    const end = Date.now() + 5000;
    while (Date.now() < end) {}
  };
  for (const name of ['get', 'put', 'delete']) {
    const original = IDBObjectStore.prototype[name];
    IDBObjectStore.prototype[name] = function (...args) {
      const request = original.apply(this, args);
      after(this.transaction);
      return request;
    };
  }
  const commit = IDBTransaction.prototype.commit;
  IDBTransaction.prototype.commit = function () {
    const result = commit.call(this);
    after(this);
    return result;
  };
})();`;

describe('a renderer killed in the middle of a save', () => {
  const session = useAppSession({
    open: false,
    prepare: async ({ context }) => {
      await context.addInitScript({ content: COUNT_AND_KILL });
    },
  });

  it('finds the previous or the new revision whole after a kill between any two operations', async () => {
    const cdpOf = new Map<Page, CDPSession>();
    await session.context.exposeBinding('__killNow', ({ page }) => {
      void cdpOf
        .get(page)
        ?.send('Page.crash')
        .catch(() => undefined);
    });
    let page = session.page;
    await openApp(page);
    // Start from literal weights that are stored, so every outcome can be read back from the records.
    const first = (await topLeftWeight(page)) + 1;
    await typeValue(page, weightInput(cell(page, KERNEL), 1, 1), first);
    await expect.poll(() => storedTopLeftWeight(page)).toBe(first);
    const outcomes: string[] = [];
    for (let operation = 1; operation <= OPERATIONS; operation++) {
      const before = await topLeftWeight(page);
      const edited = before + 1;
      cdpOf.set(page, await session.context.newCDPSession(page));
      await page.evaluate(([key, n]) => sessionStorage.setItem(key, String(n)), [
        ARM_KEY,
        operation,
      ] as const);
      const crashed = page.waitForEvent('crash', { timeout: 15_000 });
      await typeValue(page, weightInput(cell(page, KERNEL), 1, 1), edited).catch(() => undefined);
      await crashed;
      await page.close().catch(() => undefined);

      page = await session.context.newPage();
      await openApp(page);
      const records = await readStoredRecords(page);
      expect(intactNotebooks(records)).toHaveLength(1); // throws naming any half-written record
      const stored = lastOpenNotebook(records);
      const weight = stored && storedWeight(stored, KERNEL, 0, 0);
      expect([before, edited]).toContain(weight);
      expect(await topLeftWeight(page)).toBe(weight);
      outcomes.push(`after operation ${operation}: ${weight === edited ? 'new' : 'previous'} revision`);
    }
    console.info(`kills in the middle of a save → ${outcomes.join('; ')}`);
  });
});

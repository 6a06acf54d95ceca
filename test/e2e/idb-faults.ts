import type { Page } from 'playwright-core';

/**
 * Storage faults acted out inside the page, before any app script runs (`page.addInitScript`). The scripts
 * are plain strings so no test-transpiler helper can leak into the page.
 *
 * Write faults are switched by a sessionStorage key, read on every `put`/`add`: the test flips it between
 * edits, and it survives a reload of the same tab, so a reload can happen with the fault still on.
 */

const SWITCH_KEY = 'convbook-test-write-fault';

/**
 * - 'quota': every write fails as a full disk does in Chromium: the request itself succeeds, then the
 *   transaction aborts with a QuotaExceededError (idb-keyval rejects with the transaction's error).
 * - 'pointer': only writes to keys without ':rev' fail, so a save stores its revision and then fails to
 *   move the pointer — a save cut in half.
 * - 'off': writes go through.
 */
export type WriteFault = 'quota' | 'pointer' | 'off';

const WRITE_FAULT_SCRIPT = `(() => {
  const key = ${JSON.stringify(SWITCH_KEY)};
  const commit = IDBTransaction.prototype.commit;
  IDBTransaction.prototype.commit = function () {
    if (!this.__faulted) return commit.call(this);
  };
  for (const name of ['put', 'add']) {
    const original = IDBObjectStore.prototype[name];
    IDBObjectStore.prototype[name] = function (value, storeKey) {
      const fault = sessionStorage.getItem(key);
      const fails = fault === 'quota' || (fault === 'pointer' && !String(storeKey).includes(':rev'));
      const request = original.call(this, value, storeKey);
      if (!fails) return request;
      const transaction = this.transaction;
      const error = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      if (!transaction.__faulted) Object.defineProperty(transaction, 'error', { get: () => error });
      // A commit asked for before the write's answer must not outrun the fault (a real full disk fails
      // the commit itself).
      transaction.__faulted = true;
      request.addEventListener('success', () => transaction.abort());
      window.__writeFaults = (window.__writeFaults || 0) + 1;
      return request;
    };
  }
})();`;

/** Installs the switchable write fault on every load of `page`, starting with `initial`. */
export async function injectWriteFaults(page: Page, initial: WriteFault): Promise<void> {
  await page.addInitScript({
    content: `sessionStorage.getItem(${JSON.stringify(SWITCH_KEY)}) === null && sessionStorage.setItem(${JSON.stringify(SWITCH_KEY)}, ${JSON.stringify(initial)});\n${WRITE_FAULT_SCRIPT}`,
  });
}

/** Switches the fault for the page's current and later loads. */
export async function setWriteFault(page: Page, fault: WriteFault): Promise<void> {
  await page.evaluate(([key, value]) => sessionStorage.setItem(key, value), [SWITCH_KEY, fault] as const);
}

/** How many writes the fault has failed in the page's current load. */
export async function failedWrites(page: Page): Promise<number> {
  return page.evaluate(() => Number((window as { __writeFaults?: number }).__writeFaults ?? 0));
}

/**
 * Ways IndexedDB can be missing: 'missing' (no `indexedDB` at all, as in some sandboxed frames),
 * 'open-error' (open fails with InvalidStateError, as Firefox's private mode did), 'blocked' (open never
 * answers, as when another tab holds an old version open and ignores `versionchange`).
 */
export type IndexedDbOutage = 'missing' | 'open-error' | 'blocked';

const OUTAGE_SCRIPTS: Readonly<Record<IndexedDbOutage, string>> = {
  missing: `Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });`,
  'open-error': `IDBFactory.prototype.open = function () {
    const request = { result: undefined, error: new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError') };
    setTimeout(() => request.onerror && request.onerror(new Event('error')), 0);
    return request;
  };`,
  blocked: `IDBFactory.prototype.open = function () {
    return { result: undefined, error: null };
  };`,
};

export async function injectIndexedDbOutage(page: Page, outage: IndexedDbOutage): Promise<void> {
  await page.addInitScript({ content: OUTAGE_SCRIPTS[outage] });
}

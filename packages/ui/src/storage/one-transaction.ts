import { KEYVAL_STORE, type KeyvalDatabase } from './keyval-database';

/**
 * What one save does, as data: read `checkKey`, write `writes`, and — only if `check` accepts what was read
 * — delete the older keys under `prune.prefix`; otherwise abort, which undoes the writes.
 */
export interface WritePlan {
  readonly checkKey: string;
  readonly check: (stored: unknown) => boolean;
  readonly writes: readonly (readonly [string, unknown])[];
  readonly prune?: { readonly prefix: string; readonly keep: string };
  /** Writes that depend on what was read (a creation date to keep), made after an accepted check. */
  readonly amend?: (stored: unknown) => readonly (readonly [string, unknown])[];
}

/**
 * Runs a WritePlan in one readwrite IndexedDB transaction. The read and the writes are all issued at once,
 * in the caller's task: measured in Chromium, a transaction whose writes wait for the read's answer is cut
 * by a reload right after the edit (2 of 6 survived), while one whose writes are already queued commits
 * (6 of 6). The check still runs inside the transaction — readwrite transactions on a store run one at a
 * time, so no other tab can write between our read and our writes — and a failed check aborts the whole
 * transaction before it commits. Resolves true when committed, false when the check refused it.
 */
export function commitInOneTransaction(database: KeyvalDatabase, plan: WritePlan): Promise<boolean> {
  const open = database.current();
  // Once the database is open the transaction starts right here, in the caller's task, not a microtask
  // later: a save started by `pagehide` is then already there for commitUncheckedNow to commit.
  if (open !== undefined) return run(open, plan);
  return database.opened().then((db) => run(db, plan));
}

function run(db: IDBDatabase, plan: WritePlan): Promise<boolean> {
  // Relaxed durability: the commit does not wait for the disk to flush. The data still survives a crashed
  // or closed tab (the browser holds it); only a power cut in the next instant could lose it.
  const transaction = db.transaction(KEYVAL_STORE, 'readwrite', { durability: 'relaxed' });
  const store = transaction.objectStore(KEYVAL_STORE);
  return new Promise<boolean>((resolve, reject) => {
    let refused = false;
    const read = store.get(plan.checkKey);
    for (const [key, value] of plan.writes) store.put(value, key);
    unchecked.add(transaction);
    read.onsuccess = () => {
      if (!unchecked.delete(transaction)) return; // committed early: the page is going away
      if (!plan.check(read.result)) {
        refused = true;
        transaction.abort();
        return;
      }
      for (const [key, value] of plan.amend?.(read.result) ?? []) store.put(value, key);
      if (plan.prune) prune(store, plan.prune.prefix, plan.prune.keep);
      // Nothing more to ask: commit now rather than after another round trip, which a page closing in the
      // meantime would cut (measured: 1 first edit in 6 was lost that way).
      transaction.commit();
    };
    transaction.oncomplete = () => {
      unchecked.delete(transaction);
      resolve(true);
    };
    transaction.onabort = () => {
      unchecked.delete(transaction);
      if (refused) resolve(false);
      else reject(transaction.error);
    };
    transaction.onerror = (event) => {
      if (refused) event.preventDefault();
    };
  });
}

/** Transactions whose writes are queued but whose revision check has not answered yet. */
const unchecked = new Set<IDBTransaction>();

/**
 * Commits every save still waiting for its check, now. Called when the page is hidden or left: measured in
 * Chromium, a transaction still waiting for its read when the page unloads can be aborted with it (the
 * first edit after opening, reloaded at once, was lost 3 times in 4), while a committed one is kept. The
 * price is that such a save skips its revision check: a tab closing in the same instant another tab saved
 * the same notebook can overwrite that save.
 */
export function commitUncheckedNow(): void {
  for (const transaction of unchecked) {
    try {
      transaction.commit();
    } catch {
      // Already committing or finished: nothing to hurry.
    }
  }
  unchecked.clear();
}

/**
 * Deletes every key under `prefix` except `keep`, inside the same transaction and without reading them
 * first: the two key ranges on either side of `keep` ('\uffff' sorts after every character a key here
 * holds, so the upper range ends exactly at the prefix's end).
 */
function prune(store: IDBObjectStore, prefix: string, keep: string): void {
  store.delete(IDBKeyRange.bound(prefix, keep, false, true));
  store.delete(IDBKeyRange.bound(keep, `${prefix}\uffff`, true, false));
}

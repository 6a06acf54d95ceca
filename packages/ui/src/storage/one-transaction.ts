import type { UseStore } from 'idb-keyval';

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
export function commitInOneTransaction(useStore: UseStore, plan: WritePlan): Promise<boolean> {
  return useStore(
    'readwrite',
    (store) =>
      new Promise<boolean>((resolve, reject) => {
        const transaction = store.transaction;
        let refused = false;
        const read = store.get(plan.checkKey);
        for (const [key, value] of plan.writes) store.put(value, key);
        read.onsuccess = () => {
          if (!plan.check(read.result)) {
            refused = true;
            transaction.abort();
            return;
          }
          for (const [key, value] of plan.amend?.(read.result) ?? []) store.put(value, key);
          if (plan.prune) prune(store, plan.prune.prefix, plan.prune.keep);
        };
        transaction.oncomplete = () => resolve(true);
        transaction.onabort = () => (refused ? resolve(false) : reject(transaction.error));
        transaction.onerror = (event) => {
          if (refused) event.preventDefault();
        };
      }),
  );
}

/** Deletes every key under `prefix` except `keep`, inside the same transaction. */
function prune(store: IDBObjectStore, prefix: string, keep: string): void {
  // '\uffff' sorts after every character a key here can hold, so the range is exactly the prefix.
  const keys = store.getAllKeys(IDBKeyRange.bound(prefix, `${prefix}\uffff`));
  keys.onsuccess = () => {
    for (const key of keys.result) if (key !== keep) store.delete(key);
  };
}

import type { NotebookDocument } from '@convbook/cells';
import { describe, expect, it } from 'vitest';
import { localStorageMarker } from './opening-marker';

const doc: NotebookDocument = { format: 'convbook', version: 1, title: 'Bomb', cells: [] };
const other: NotebookDocument = { ...doc, title: 'Other' };

/** localStorage and the lock manager, shared by the "tabs" of one test; `kill` drops a tab's locks. */
function origin() {
  const items = new Map<string, string>();
  const storage = {
    get length() {
      return items.size;
    },
    key: (index: number) => [...items.keys()][index] ?? null,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
  } as Storage;
  const held = new Set<string>();
  const locks = {
    request: async (name: string) => {
      held.add(name);
      return new Promise(() => {});
    },
    query: async () => ({ held: [...held].map((name) => ({ name })) }),
  } as unknown as LockManager;
  return { storage, locks, held, items };
}

describe('the opening marker', () => {
  it('finds a notebook that was opening when its tab died, and only that notebook', async () => {
    const { storage, locks, held } = origin();
    const first = localStorageMarker(() => storage, locks);
    first.opening(doc);
    held.clear(); // the renderer crashed: its lock is gone, its entry stays

    const second = localStorageMarker(() => storage, locks);
    expect(await second.crashedOpening(other)).toBe(false);
    first.opening(doc);
    held.clear();
    const third = localStorageMarker(() => storage, locks);
    expect(await third.crashedOpening(doc)).toBe(true);
    third.opened();
    const fourth = localStorageMarker(() => storage, locks);
    expect(await fourth.crashedOpening(doc)).toBe(false);
  });

  it('does not pause a tab because another live tab is still opening the same notebook', async () => {
    const { storage, locks } = origin();
    localStorageMarker(() => storage, locks).opening(doc);
    await Promise.resolve();
    expect(await localStorageMarker(() => storage, locks).crashedOpening(doc)).toBe(false);
  });

  it('opens normally when storage throws', async () => {
    const broken = {
      get length(): number {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    } as unknown as Storage;
    const marker = localStorageMarker(() => broken, origin().locks);
    expect(() => marker.opening(doc)).not.toThrow();
    expect(await marker.crashedOpening(doc)).toBe(false);
  });
});

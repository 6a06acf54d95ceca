import type { NotebookDocument } from '@convbook/cells';

/**
 * A note left in localStorage while a notebook opens, cleared once its cells have settled and the page has
 * drawn them. If the page dies first (the renderer crashed, the tab was killed while frozen), the note is
 * still there at the next start, and the same notebook opens paused instead of crashing again: the app
 * can never crash-loop on start. localStorage, not IndexedDB: it is synchronous, so the note is written
 * before the first cell computes, and it survives a renderer crash.
 */
export interface OpeningMarker {
  /** True when `document` was opening when a page (this tab's or another's) last died. */
  crashedOpening(document: NotebookDocument): Promise<boolean> | boolean;
  /** Notes that `document` is opening now. */
  opening(document: NotebookDocument): void;
  /** The document opened safely. */
  opened(): void;
}

const KEY = 'convbook:opening';

/** Which notebook: its title and cell ids, cheap to compute and stable across a reload. */
export function documentKey(document: NotebookDocument): string {
  const ids = document.cells.map((cell) => cell.id).join(',');
  return `${document.title.length}:${document.title}|${document.cells.length}:${simpleHash(ids)}`;
}

function simpleHash(text: string): string {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return (hash >>> 0).toString(36);
}

/**
 * The browser's. Several tabs may be opening at once, so each tab keeps its own entry
 * (`convbook:opening:<tab>`) and holds a Web Lock named after itself for as long as it lives: an entry
 * whose tab still holds its lock is a tab still opening, not a page that died. A storage or a lock
 * manager that is missing or throws just means no protection; the notebook still opens.
 */
export function localStorageMarker(
  storage: () => Storage | undefined = browserStorage,
  locks: LockManager | undefined = browserLocks(),
): OpeningMarker {
  const tab = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const own = `${KEY}:${tab}`;
  void locks?.request(own, () => new Promise<void>(() => {})).catch(() => {});
  // A page closed or reloaded on purpose was answering, so it did not die opening. A frozen page never
  // runs this, and a crashed renderer neither: their entries stay.
  if (typeof addEventListener === 'function') addEventListener('pagehide', () => write(undefined));
  const write = (value: string | undefined): void => {
    try {
      if (value === undefined) storage()?.removeItem(own);
      else storage()?.setItem(own, value);
    } catch {
      // Nothing to protect with.
    }
  };
  return {
    crashedOpening: async (document) => {
      const dead = await deadEntries(storage(), locks, own);
      const key = documentKey(document);
      const match = dead.find(([, value]) => value === key);
      // Take the dead tab's entry over: cleared when this opening settles, kept if it dies again.
      for (const [name] of dead) safely(() => storage()?.removeItem(name));
      if (match) write(key);
      return match !== undefined;
    },
    opening: (document) => write(documentKey(document)),
    opened: () => write(undefined),
  };
}

/** Entries of other tabs that no longer hold their lock: pages that died while opening. */
async function deadEntries(
  storage: Storage | undefined,
  locks: LockManager | undefined,
  own: string,
): Promise<[string, string][]> {
  if (!storage || !locks) return [];
  const entries: [string, string][] = [];
  try {
    for (let index = 0; index < storage.length; index++) {
      const name = storage.key(index);
      if (name?.startsWith(`${KEY}:`) && name !== own) entries.push([name, storage.getItem(name) ?? '']);
    }
    if (entries.length === 0) return [];
    const held = new Set(((await locks.query()).held ?? []).map((lock) => lock.name));
    return entries.filter(([name]) => !held.has(name));
  } catch {
    return [];
  }
}

function safely(work: () => void): void {
  try {
    work();
  } catch {
    // ignore
  }
}

function browserStorage(): Storage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage;
}

function browserLocks(): LockManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.locks;
}

/** For tests and for pages that never crash: remembers in memory. */
export function memoryMarker(): OpeningMarker & { value: string | undefined } {
  const marker = {
    value: undefined as string | undefined,
    crashedOpening: (document: NotebookDocument) => marker.value === documentKey(document),
    opening: (document: NotebookDocument) => {
      marker.value = documentKey(document);
    },
    opened: () => {
      marker.value = undefined;
    },
  };
  return marker;
}

import type { NotebookDocument } from '@convbook/cells';

/**
 * A note left in localStorage while a notebook opens, cleared once its cells have settled and the page has
 * drawn them. If the page dies first (the renderer crashed, the tab was killed while frozen), the note is
 * still there at the next start, and the same notebook opens paused instead of crashing again: the app
 * can never crash-loop on start. localStorage, not IndexedDB: it is synchronous, so the note is written
 * before the first cell computes, and it survives a renderer crash.
 */
export interface OpeningMarker {
  /** True when `document` was opening when the page last died. */
  crashedOpening(document: NotebookDocument): boolean;
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

/** The browser's: a storage that throws (private mode, disabled) just means no protection. */
export function localStorageMarker(storage: () => Storage | undefined = browserStorage): OpeningMarker {
  const read = (): string | null => {
    try {
      return storage()?.getItem(KEY) ?? null;
    } catch {
      return null;
    }
  };
  const write = (value: string | undefined): void => {
    try {
      if (value === undefined) storage()?.removeItem(KEY);
      else storage()?.setItem(KEY, value);
    } catch {
      // Nothing to protect with; the notebook still opens.
    }
  };
  return {
    crashedOpening: (document) => read() === documentKey(document),
    opening: (document) => write(documentKey(document)),
    opened: () => write(undefined),
  };
}

function browserStorage(): Storage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage;
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

import type { Page } from 'playwright-core';

/**
 * The app's IndexedDB records read and written directly (idb-keyval's default `keyval-store` database,
 * `keyval` object store), bypassing the app, so a test can see exactly what survived a fault and can plant
 * damaged records. Layout (packages/ui/src/storage/notebook-store.ts): `notebook:<id>` is the pointer,
 * `notebook:<id>:rev<N>` a revision with its document text, `last-open-notebook` the id open last.
 */

export type StoredRecords = Readonly<Record<string, unknown>>;

/** Every record in the store, by key. */
export async function readStoredRecords(page: Page): Promise<StoredRecords> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onupgradeneeded = () => open.result.createObjectStore('keyval');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const transaction = db.transaction('keyval', 'readonly');
          const store = transaction.objectStore('keyval');
          const keys = store.getAllKeys();
          const values = store.getAll();
          transaction.oncomplete = () => {
            const records: Record<string, unknown> = {};
            keys.result.forEach((key, index) => {
              records[String(key)] = values.result[index];
            });
            db.close();
            resolve(records);
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
  );
}

/** Writes records as they are, in one transaction. */
export async function writeStoredRecords(page: Page, records: StoredRecords): Promise<void> {
  await page.evaluate(
    (entries) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onupgradeneeded = () => open.result.createObjectStore('keyval');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const transaction = db.transaction('keyval', 'readwrite');
          for (const [key, value] of entries) transaction.objectStore('keyval').put(value, key);
          transaction.oncomplete = () => {
            db.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    Object.entries(records),
  );
}

/** A notebook as stored: its pointer's fields and the document its current revision holds. */
export interface StoredNotebook {
  readonly id: string;
  readonly title: string;
  readonly revision: number;
  /** The parsed document of the revision the pointer names. */
  readonly document: { readonly title: string; readonly cells: readonly StoredCell[] };
}

export interface StoredCell {
  readonly id: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/**
 * Every notebook whose pointer names a readable revision; throws, naming the key, on anything damaged —
 * a pointer without its revision, a revision that is not JSON, a document without cells.
 */
export function intactNotebooks(records: StoredRecords): StoredNotebook[] {
  const notebooks: StoredNotebook[] = [];
  for (const [key, pointer] of Object.entries(records)) {
    const match = /^notebook:([^:]+)$/.exec(key);
    if (!match) continue;
    const { title, revision } = pointer as { title: string; revision: number };
    const revisionKey = `${key}:rev${revision}`;
    const body = records[revisionKey] as { document?: unknown; revision?: unknown } | undefined;
    if (typeof body?.document !== 'string' || body.revision !== revision) {
      throw new Error(`${key} names ${revisionKey}, which is missing or unreadable`);
    }
    const document = JSON.parse(body.document) as StoredNotebook['document'];
    if (!Array.isArray(document.cells)) throw new Error(`${revisionKey} holds a document without cells`);
    notebooks.push({ id: match[1] ?? '', title, revision, document });
  }
  return notebooks;
}

/**
 * The notebook `last-open-notebook` names, else the newest one (what the app opens after a reload; the
 * key itself is only written when a notebook is opened, so a write fault at that moment leaves it out).
 */
export function lastOpenNotebook(records: StoredRecords): StoredNotebook | undefined {
  const id = records['last-open-notebook'];
  const notebooks = intactNotebooks(records);
  const updatedAt = (n: StoredNotebook) => (records[`notebook:${n.id}`] as { updatedAt: number }).updatedAt;
  return (
    notebooks.find((notebook) => notebook.id === id) ??
    notebooks.sort((a, b) => updatedAt(b) - updatedAt(a))[0]
  );
}

/** One weight of a kernel cell with literal values, 0-based (`[0][0]` is what the UI calls "row 1, column 1"). */
export function storedWeight(notebook: StoredNotebook, cellId: string, row: number, column: number): number {
  const cell = notebook.document.cells.find((c) => c.id === cellId);
  const values = cell?.params?.values as number[][] | undefined;
  const weight = values?.[row]?.[column];
  if (typeof weight !== 'number') throw new Error(`${cellId} has no stored weight [${row}][${column}]`);
  return weight;
}

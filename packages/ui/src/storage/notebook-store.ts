import { type KeyvalDatabase, keyvalDatabase, keyvalOperations } from './keyval-database';
import { commitInOneTransaction, type WritePlan } from './one-transaction';
import {
  isNotebookMeta,
  isSavedNotebook,
  type LoadResult,
  type NotebookListEntry,
  type NotebookMeta,
  type SavedNotebook,
  type SaveResult,
} from './saved-notebook';
import { describeStorageFailure, StorageError } from './storage-error';

/**
 * Notebooks in the browser, one record per revision.
 *
 * Layout: `notebook:<id>` is a small pointer (the metadata, including which revision is current) and
 * `notebook:<id>:rev<N>` holds revision N with its document. A save is ONE readwrite transaction: it reads
 * the pointer, writes the new revision and the pointer, and prunes older revisions; when the stored revision
 * is not the one the save was based on (another tab saved first), the transaction is aborted and nothing of
 * it is written. So a tab killed at any moment leaves the previous revision or the new one, never a mix,
 * and two tabs can never both write "revision N+1". The writes are issued in the same task as the call (see
 * one-transaction.ts), so an edit saved just before a reload is not lost.
 *
 * This and keyval-database.ts are the only modules that talk to IndexedDB; tests hand in a fake backend.
 */

/** The few key-value operations the store needs (idb-keyval's shape). */
export interface KeyValueBackend {
  get(key: string): Promise<unknown>;
  getMany(keys: string[]): Promise<unknown[]>;
  set(key: string, value: unknown): Promise<void>;
  delMany(keys: string[]): Promise<void>;
  keys(): Promise<string[]>;
  /** Carries out a WritePlan in one readwrite transaction; resolves whether it committed (see one-transaction.ts). */
  commit(plan: WritePlan): Promise<boolean>;
}

/** IndexedDB, guarded: without it (some private modes, sandboxed frames) every call says so. */
export const indexedDbBackend: KeyValueBackend = {
  get: (key) => withIndexedDb(() => operations().get(key)),
  getMany: (keys) => withIndexedDb(() => operations().getMany(keys)),
  set: (key, value) => withIndexedDb(() => operations().set(key, value)),
  delMany: (keys) => withIndexedDb(() => operations().delMany(keys)),
  keys: () => withIndexedDb(() => operations().keys()),
  commit: (plan) => withIndexedDb(() => commitInOneTransaction(database(), plan)),
};

let keyval: KeyvalDatabase | undefined;
let keyvalOps: ReturnType<typeof keyvalOperations> | undefined;
/** One connection for every call, opened on first use (idb-keyval's database, so old records still read). */
function database(): KeyvalDatabase {
  keyval ??= keyvalDatabase();
  return keyval;
}
function operations(): ReturnType<typeof keyvalOperations> {
  keyvalOps ??= keyvalOperations(database());
  return keyvalOps;
}

async function withIndexedDb<T>(work: () => Promise<T>): Promise<T> {
  if (typeof indexedDB === 'undefined' || indexedDB === null) {
    throw new Error('IndexedDB is not available in this browser');
  }
  return work();
}

export interface NotebookStoreOptions {
  /** Throws when a stored document is not a valid notebook (cells' `parseNotebook`). */
  readonly validate?: (documentText: string) => void;
  readonly now?: () => number;
  readonly newId?: () => string;
  /** A blocked IndexedDB never answers; give up after this long so the user hears about it. */
  readonly timeoutMs?: number;
}

const POINTER = /^notebook:([^:]+)$/;
const LAST_OPEN_KEY = 'last-open-notebook';
const pointerKey = (id: string) => `notebook:${id}`;
const revisionKey = (id: string, revision: number) => `notebook:${id}:rev${revision}`;

export class NotebookStore {
  readonly #backend: KeyValueBackend;
  readonly #validate: (documentText: string) => void;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #timeoutMs: number;
  /** Settles when a call that timed out finally answers; set while it hangs. */
  #stalled: Promise<void> | undefined;
  /**
   * What list() found in each revision it read (`id@revision` → the problem, or undefined when good).
   * Revisions are written once and never change, so a verdict holds for as long as the revision exists.
   */
  readonly #checked = new Map<string, string | undefined>();
  /** When each notebook seen here was created, so a save writes it right the first time. */
  readonly #createdAt = new Map<string, number>();

  constructor(backend: KeyValueBackend = indexedDbBackend, options: NotebookStoreOptions = {}) {
    this.#backend = backend;
    this.#validate = options.validate ?? (() => {});
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? (() => crypto.randomUUID());
    this.#timeoutMs = options.timeoutMs ?? 5000;
  }

  /** A fresh id; a notebook under it exists once saved (a save at revision 0 creates it). */
  newId(): string {
    return this.#newId();
  }

  /** Every notebook, newest first; records that cannot be read are listed as damaged, not dropped. */
  list(): Promise<NotebookListEntry[]> {
    return this.#attempt('list notebooks', async () => {
      const ids = (await this.#backend.keys()).flatMap((key) => POINTER.exec(key)?.[1] ?? []);
      const pointers = await this.#backend.getMany(ids.map(pointerKey));
      const metas = pointers.map((pointer) => (isNotebookMeta(pointer) ? pointer : undefined));
      // Only revisions not checked before are read and parsed: after another tab saves one notebook, its
      // list refresh reads that one document, not every document in the store.
      const unchecked = metas.filter(
        (meta): meta is NotebookMeta => meta !== undefined && !this.#checked.has(checkedKey(meta)),
      );
      const bodies = await this.#backend.getMany(
        unchecked.map((meta) => revisionKey(meta.id, meta.revision)),
      );
      for (const [i, meta] of unchecked.entries()) {
        this.#checked.set(checkedKey(meta), this.#problemWith(meta, bodies[i]));
      }
      const entries = ids.map((id, i): NotebookListEntry => {
        const meta = metas[i];
        if (!meta) return damaged(id, pointers[i], 'its index entry is unreadable');
        const reason = this.#checked.get(checkedKey(meta));
        return reason ? damaged(id, meta, reason) : { status: 'ok', meta };
      });
      return entries.sort((a, b) => updatedAt(b) - updatedAt(a));
    });
  }

  /** Reads one notebook; a damaged record is reported, never thrown. */
  load(id: string): Promise<LoadResult> {
    return this.#attempt('open the notebook', async () => {
      const pointer = await this.#backend.get(pointerKey(id));
      if (pointer === undefined) return { status: 'missing', id };
      if (!isNotebookMeta(pointer)) return { status: 'damaged', id, reason: 'its index entry is unreadable' };
      const body = await this.#backend.get(revisionKey(id, pointer.revision));
      const reason = this.#problemWith(pointer, body);
      if (reason || !isSavedNotebook(body)) return { status: 'damaged', id, reason: reason ?? 'unreadable' };
      this.#createdAt.set(id, body.createdAt);
      return { status: 'ok', record: body };
    });
  }

  /** Stores a new notebook at revision 1 and returns its metadata. */
  create(title: string, document: string): Promise<NotebookMeta> {
    return this.#attempt('save', async () => {
      const now = this.#now();
      const meta: NotebookMeta = { id: this.#newId(), title, createdAt: now, updatedAt: now, revision: 1 };
      const written = await this.#write({ ...meta, document }, (stored) => stored === undefined);
      if (!written) throw new Error(`a notebook with the id ${meta.id} exists already`);
      this.#createdAt.set(meta.id, now);
      return meta;
    });
  }

  /**
   * Saves the next revision of a notebook we loaded at `baseRevision`. If the stored revision moved on
   * (another tab saved), nothing is written and the caller decides what to do with its copy.
   */
  save(id: string, title: string, document: string, baseRevision: number): Promise<SaveResult> {
    // No await before #write: the transaction starts in the caller's task (see one-transaction.ts).
    return this.#attempt('save', async () => {
      const now = this.#now();
      const createdAt = this.#createdAt.get(id) ?? now;
      const meta: NotebookMeta = { id, title, createdAt, updatedAt: now, revision: baseRevision + 1 };
      let stored: NotebookMeta | undefined;
      const written = await this.#write({ ...meta, document }, (pointer) => {
        // A notebook deleted in another tab meanwhile is written again rather than lost.
        if (!isNotebookMeta(pointer)) return true;
        stored = pointer;
        return pointer.revision === baseRevision;
      });
      if (!written) return { status: 'conflict', storedRevision: stored?.revision ?? 0 };
      this.#createdAt.set(id, stored?.createdAt ?? createdAt);
      return { status: 'saved', meta: { ...meta, createdAt: stored?.createdAt ?? createdAt } };
    });
  }

  /** Puts a record back exactly as it was (undoing a delete). */
  restore(record: SavedNotebook): Promise<void> {
    return this.#attempt('restore the notebook', async () => {
      await this.#write(record, () => true);
    });
  }

  /** Deletes a notebook and all its revisions in one transaction. */
  remove(id: string): Promise<void> {
    return this.#attempt('delete the notebook', async () => {
      const prefix = `${pointerKey(id)}:`;
      const keys = (await this.#backend.keys()).filter(
        (key) => key === pointerKey(id) || key.startsWith(prefix),
      );
      await this.#backend.delMany(keys);
    });
  }

  lastOpenId(): Promise<string | undefined> {
    return this.#attempt('read the last open notebook', async () => {
      const id = await this.#backend.get(LAST_OPEN_KEY);
      return typeof id === 'string' ? id : undefined;
    });
  }

  setLastOpenId(id: string): Promise<void> {
    return this.#attempt('remember the open notebook', () => this.#backend.set(LAST_OPEN_KEY, id));
  }

  /** The revision, the pointer and the pruning of older revisions, in one transaction guarded by `check`. */
  #write(record: SavedNotebook, check: (storedPointer: unknown) => boolean): Promise<boolean> {
    const { document: _document, ...meta } = record;
    const current = revisionKey(record.id, record.revision);
    return this.#backend.commit({
      checkKey: pointerKey(record.id),
      check,
      writes: [
        [current, record],
        [pointerKey(record.id), meta],
      ],
      // The save did not know when the notebook was created; the stored pointer does.
      amend: (stored) =>
        isNotebookMeta(stored) && stored.createdAt !== meta.createdAt
          ? [
              [current, { ...record, createdAt: stored.createdAt }],
              [pointerKey(record.id), { ...meta, createdAt: stored.createdAt }],
            ]
          : [],
      prune: { prefix: `${pointerKey(record.id)}:rev`, keep: current },
    });
  }

  #problemWith(meta: NotebookMeta, body: unknown): string | undefined {
    if (!isSavedNotebook(body) || body.id !== meta.id || body.revision !== meta.revision) {
      return `revision ${meta.revision} is missing or unreadable`;
    }
    try {
      this.#validate(body.document);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /**
   * Runs one storage call, turning failures into StorageError. A blocked IndexedDB never answers, so a call
   * gives up after `timeoutMs`; while such a call is still hanging, later calls fail at once instead of
   * each waiting out their own timeout (the app starts in memory without a long stall).
   */
  async #attempt<T>(operation: string, work: () => Promise<T>): Promise<T> {
    const timedOut = () =>
      new StorageError(
        operation,
        'timeout',
        `Could not ${operation}: the browser storage did not answer (another tab may be blocking it). Your work is kept in this tab — export it to a file to be safe.`,
      );
    if (this.#stalled) throw timedOut();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const running = work();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const stalled = running.then(
          () => {},
          () => {},
        );
        this.#stalled = stalled;
        void stalled.then(() => {
          if (this.#stalled === stalled) this.#stalled = undefined;
        });
        reject(timedOut());
      }, this.#timeoutMs);
    });
    try {
      return await Promise.race([running, timeout]);
    } catch (error) {
      throw describeStorageFailure(operation, error);
    } finally {
      clearTimeout(timer);
    }
  }
}

function checkedKey(meta: NotebookMeta): string {
  return `${meta.id}@${meta.revision}`;
}

function damaged(id: string, pointer: unknown, reason: string): NotebookListEntry {
  const title = isNotebookMeta(pointer) ? pointer.title : 'Unreadable notebook';
  const at = isNotebookMeta(pointer) ? pointer.updatedAt : 0;
  return { status: 'damaged', id, title, updatedAt: at, reason };
}

function updatedAt(entry: NotebookListEntry): number {
  return entry.status === 'ok' ? entry.meta.updatedAt : entry.updatedAt;
}

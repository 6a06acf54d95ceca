/** idb-keyval's database and store names: the app keeps reading what it wrote with idb-keyval. */
const DATABASE = 'keyval-store';
export const KEYVAL_STORE = 'keyval';

/** The app's database, opened once and held, so a transaction can start without waiting. */
export interface KeyvalDatabase {
  current(): IDBDatabase | undefined;
  opened(): Promise<IDBDatabase>;
}

/**
 * Opens the database on first use and keeps the connection. When another tab (or a newer version of the
 * app) needs to upgrade it, the connection is closed at once instead of blocking that tab; the next save
 * opens it again.
 */
export function keyvalDatabase(): KeyvalDatabase {
  let db: IDBDatabase | undefined;
  let opening: Promise<IDBDatabase> | undefined;
  const forget = (): void => {
    db?.close();
    db = undefined;
    opening = undefined;
  };
  return {
    current: () => db,
    opened() {
      opening ??= new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(DATABASE);
        request.onupgradeneeded = () => request.result.createObjectStore(KEYVAL_STORE);
        request.onsuccess = () => {
          db = request.result;
          db.onversionchange = forget;
          db.onclose = forget;
          resolve(db);
        };
        request.onerror = () => {
          opening = undefined;
          reject(request.error);
        };
        request.onblocked = () => reject(new Error('the browser storage is blocked by another tab'));
      });
      return opening;
    },
  };
}

/**
 * The store's plain reads and writes on the same held connection. Writes use relaxed durability like
 * saves do: a slow, disk-flushing write (remembering the open notebook) would otherwise hold up the save
 * queued behind it, and a page closed meanwhile could lose that save.
 */
export function keyvalOperations(database: KeyvalDatabase) {
  const run = async <T>(
    mode: IDBTransactionMode,
    work: (store: IDBObjectStore) => IDBRequest<T>[],
  ): Promise<T[]> => {
    const db = database.current() ?? (await database.opened());
    const transaction = db.transaction(KEYVAL_STORE, mode, { durability: 'relaxed' });
    const requests = work(transaction.objectStore(KEYVAL_STORE));
    return new Promise<T[]>((resolve, reject) => {
      transaction.oncomplete = () => resolve(requests.map((request) => request.result));
      transaction.onabort = () => reject(transaction.error);
    });
  };
  return {
    get: async (key: string): Promise<unknown> => (await run('readonly', (store) => [store.get(key)]))[0],
    getMany: (keys: string[]): Promise<unknown[]> =>
      run('readonly', (store) => keys.map((key) => store.get(key))),
    set: async (key: string, value: unknown): Promise<void> => {
      await run('readwrite', (store) => [store.put(value, key)]);
    },
    delMany: async (keys: string[]): Promise<void> => {
      await run('readwrite', (store) => keys.map((key) => store.delete(key)));
    },
    keys: async (): Promise<string[]> => {
      const [keys = []] = await run('readonly', (store) => [store.getAllKeys()]);
      return keys.filter((key): key is string => typeof key === 'string');
    },
  };
}

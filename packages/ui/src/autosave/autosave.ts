import { BehaviorSubject, type Observable } from 'rxjs';
import type { NotebookChannel } from '../storage/notebook-channel';
import type { NotebookStore } from '../storage/notebook-store';
import { StorageError } from '../storage/storage-error';

/**
 * Saves the open notebook after every change, debounced, and never silently overwrites another tab's work.
 *
 * - Changes within `delayMs` of each other are one save; `flush()` saves at once (page hidden or left).
 * - One save runs at a time; a change that arrives meanwhile is saved right after, latest wins.
 * - A failed save (disk full, storage blocked) leaves the change pending and reports `failed`; the next
 *   change, or `flush()`, tries again. The notebook itself lives on in memory the whole time.
 * - If the stored revision moved on since we loaded (another tab saved), our version is written as a new
 *   notebook titled "… (conflict copy)" and autosave continues on that copy; status says so.
 */

export type SaveStatus =
  | { readonly state: 'saved'; readonly revision: number }
  | { readonly state: 'pending' }
  | { readonly state: 'saving' }
  | { readonly state: 'failed'; readonly message: string }
  | {
      readonly state: 'conflict';
      readonly originalId: string;
      readonly copyId: string;
      readonly copyTitle: string;
    }
  | { readonly state: 'changed-elsewhere'; readonly revision: number };

/** What the store needs to know about a document: its title and its serialized text. */
export interface DocumentSnapshot {
  readonly title: string;
  readonly text: string;
}

export interface AutosaveOptions<D> {
  readonly store: Pick<NotebookStore, 'save' | 'create'>;
  /** The notebook as loaded: its id and the revision we started from. */
  readonly id: string;
  readonly revision: number;
  /** Serializes a document; called once per save, not once per change. */
  readonly snapshot: (doc: D) => DocumentSnapshot;
  readonly channel?: NotebookChannel;
  readonly delayMs?: number;
}

export const CONFLICT_SUFFIX = ' (conflict copy)';

export class Autosave<D> {
  readonly #store: Pick<NotebookStore, 'save' | 'create'>;
  readonly #snapshot: (doc: D) => DocumentSnapshot;
  readonly #channel: NotebookChannel | undefined;
  readonly #delayMs: number;
  readonly #status: BehaviorSubject<SaveStatus>;
  readonly #stopListening: () => void;
  #id: string;
  #revision: number;
  #pending: { doc: D } | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: Promise<void> | undefined;

  constructor(options: AutosaveOptions<D>) {
    this.#store = options.store;
    this.#snapshot = options.snapshot;
    this.#channel = options.channel;
    this.#delayMs = options.delayMs ?? 300;
    this.#id = options.id;
    this.#revision = options.revision;
    this.#status = new BehaviorSubject<SaveStatus>({ state: 'saved', revision: options.revision });
    this.#stopListening =
      this.#channel?.listen((message) => {
        if (message.type === 'saved' && message.id === this.#id && message.revision > this.#revision) {
          this.#status.next({ state: 'changed-elsewhere', revision: message.revision });
        }
      }) ?? (() => {});
  }

  /** The id being saved to: changes after a conflict copy was made. */
  get id(): string {
    return this.#id;
  }

  get revision(): number {
    return this.#revision;
  }

  get status$(): Observable<SaveStatus> {
    return this.#status.asObservable();
  }

  get status(): SaveStatus {
    return this.#status.value;
  }

  /** Notes a new version of the document; it is saved after `delayMs` of quiet. */
  change(doc: D): void {
    this.#pending = { doc };
    // A failure or conflict notice stays up until the next save settles it.
    if (this.#status.value.state === 'saved') this.#status.next({ state: 'pending' });
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.#delayMs);
  }

  /** Saves any pending change now and resolves when nothing is left to save (or a save failed). */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#inFlight) await this.#inFlight;
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    this.#inFlight = this.#save(pending.doc).finally(() => {
      this.#inFlight = undefined;
    });
    await this.#inFlight;
    // A change that arrived during the save has its own timer running; nothing more to do here.
  }

  /** Stops the timer and the tab listener; call `flush()` first to keep the last change. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#stopListening();
    this.#status.complete();
  }

  async #save(doc: D): Promise<void> {
    this.#status.next({ state: 'saving' });
    const { title, text } = this.#snapshot(doc);
    try {
      const result = await this.#store.save(this.#id, title, text, this.#revision);
      if (result.status === 'saved') {
        this.#revision = result.meta.revision;
        this.#channel?.post({ type: 'saved', id: this.#id, revision: this.#revision });
        this.#settle({ state: 'saved', revision: this.#revision });
        return;
      }
      const originalId = this.#id;
      const copyTitle = title.endsWith(CONFLICT_SUFFIX) ? title : `${title}${CONFLICT_SUFFIX}`;
      const copy = await this.#store.create(copyTitle, text);
      this.#id = copy.id;
      this.#revision = copy.revision;
      this.#channel?.post({ type: 'created', id: copy.id });
      this.#status.next({ state: 'conflict', originalId, copyId: copy.id, copyTitle });
    } catch (error) {
      // Keep the change for the next attempt unless a newer one already replaced it.
      this.#pending ??= { doc };
      const message = error instanceof StorageError ? error.message : `Could not save: ${String(error)}`;
      this.#status.next({ state: 'failed', message });
    }
  }

  /** Reports `saved` unless another change is already waiting. */
  #settle(status: SaveStatus): void {
    this.#status.next(this.#pending ? { state: 'pending' } : status);
  }
}

/**
 * Flushes when the page is hidden or left — the last moments a browser reliably runs our code. Returns the
 * function that removes the listeners.
 */
export function flushOnPageHide(
  flush: () => void,
  win: EventTarget = window,
  doc: EventTarget & { readonly visibilityState: string } = document,
): () => void {
  const onVisibility = () => {
    if (doc.visibilityState === 'hidden') flush();
  };
  doc.addEventListener('visibilitychange', onVisibility);
  win.addEventListener('pagehide', flush);
  return () => {
    doc.removeEventListener('visibilitychange', onVisibility);
    win.removeEventListener('pagehide', flush);
  };
}

import { BehaviorSubject, type Observable } from 'rxjs';
import type { NotebookChannel } from '../storage/notebook-channel';
import type { NotebookStore } from '../storage/notebook-store';
import { describeStorageFailure } from '../storage/storage-error';

/**
 * Saves the open notebook on every change, and never silently overwrites another tab's work.
 *
 * - A change starts its save in the same task (one IndexedDB transaction, see notebook-store.ts), so an
 *   edit the user saw applied is stored even if the page is reloaded or closed right after. Saves do not
 *   wait for each other: each is based on the revision the one before it will write, and IndexedDB runs
 *   them in order.
 * - A big notebook (a large picture) is saved at most once per `throttleMs` while edits keep coming, and
 *   at once on `flush()` (page hidden or left), so a drag does not write megabytes per pointer move.
 * - A failed save (disk full, storage blocked) leaves the change pending and reports `failed`; the next
 *   change, or `flush()`, tries again. The notebook itself lives on in memory the whole time.
 * - If the stored revision moved on (another tab saved), our version is written as a new notebook titled
 *   "… (conflict copy)" and autosave continues on that copy; status says so.
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
  /** Serializes a document; called once per save. */
  readonly snapshot: (doc: D) => DocumentSnapshot;
  readonly channel?: NotebookChannel | undefined;
  /** Texts longer than `bigText` characters are saved at most once per `throttleMs` until flushed. */
  readonly throttleMs?: number;
  readonly bigText?: number;
}

export const CONFLICT_SUFFIX = ' (conflict copy)';

export class Autosave<D> {
  readonly #store: Pick<NotebookStore, 'save' | 'create'>;
  readonly #snapshot: (doc: D) => DocumentSnapshot;
  readonly #channel: NotebookChannel | undefined;
  readonly #throttleMs: number;
  readonly #bigText: number;
  readonly #status: BehaviorSubject<SaveStatus>;
  readonly #stopListening: () => void;
  #id: string;
  /** The last revision known to be stored, and the one the next save is based on (saves in flight ahead). */
  #revision: number;
  #nextBase: number;
  /** Bumped when a failure or conflict makes the saves in flight meaningless; their results are ignored. */
  #generation = 0;
  #pending: { doc: D } | undefined;
  /** The newest document handed to a save: what a conflict copy must hold. */
  #newestStarted: D | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastStart = Number.NEGATIVE_INFINITY;
  #lastLength = 0;
  readonly #inFlight = new Set<Promise<void>>();
  #disposed = false;

  constructor(options: AutosaveOptions<D>) {
    this.#store = options.store;
    this.#snapshot = options.snapshot;
    this.#channel = options.channel;
    this.#throttleMs = options.throttleMs ?? 1000;
    this.#bigText = options.bigText ?? 1_000_000;
    this.#id = options.id;
    this.#revision = options.revision;
    this.#nextBase = options.revision;
    this.#status = new BehaviorSubject<SaveStatus>({ state: 'saved', revision: options.revision });
    this.#stopListening =
      this.#channel?.listen((message) => {
        if (message.type === 'saved' && message.id === this.#id && message.revision > this.#nextBase) {
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

  /** Notes a new version of the document and starts saving it now (a big one: within `throttleMs`). */
  change(doc: D): void {
    if (this.#disposed) return;
    this.#pending = { doc };
    const throttled =
      this.#lastLength > this.#bigText && performance.now() - this.#lastStart < this.#throttleMs;
    if (!throttled) {
      this.#startPending();
      return;
    }
    // A failure or conflict notice stays up until the next save settles it.
    if (this.#status.value.state === 'saved') this.#status.next({ state: 'pending' });
    this.#timer ??= setTimeout(
      () => this.#startPending(),
      this.#lastStart + this.#throttleMs - performance.now(),
    );
  }

  /** Starts saving anything pending now and resolves when every save has settled (or failed). */
  async flush(): Promise<void> {
    this.#startPending();
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  /** Stops the timer and the tab listener; call `flush()` first to keep the last change. */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    this.#stopListening();
    this.#status.complete();
  }

  #startPending(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const pending = this.#pending;
    if (!pending || this.#disposed) return;
    this.#pending = undefined;
    const save = this.#save(pending.doc).finally(() => this.#inFlight.delete(save));
    this.#inFlight.add(save);
  }

  /** Must reach `store.save` without awaiting anything, so the transaction starts in this task. */
  async #save(doc: D): Promise<void> {
    const { title, text } = this.#snapshot(doc);
    this.#newestStarted = doc;
    this.#lastStart = performance.now();
    this.#lastLength = text.length;
    const generation = this.#generation;
    const base = this.#nextBase;
    this.#nextBase = base + 1;
    if (this.#status.value.state !== 'failed') this.#status.next({ state: 'saving' });
    try {
      const result = await this.#store.save(this.#id, title, text, base);
      if (generation !== this.#generation) return;
      if (result.status === 'saved') {
        this.#revision = Math.max(this.#revision, result.meta.revision);
        this.#channel?.post({ type: 'saved', id: this.#id, revision: result.meta.revision });
        this.#settle();
        return;
      }
      await this.#saveConflictCopy();
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#generation++;
      this.#nextBase = this.#revision;
      // Keep the change for the next attempt unless a newer one already replaced it.
      this.#pending ??= { doc };
      const { message } = describeStorageFailure('save', error);
      this.#status.next({ state: 'failed', message });
    }
  }

  /** Another tab saved first: ours becomes a new notebook, and saving continues there. */
  async #saveConflictCopy(): Promise<void> {
    this.#generation++;
    // The newest version, not the one that met the conflict: later saves in flight fail the same way.
    const { title, text } = this.#snapshot(this.#newestStarted as D);
    const originalId = this.#id;
    const copyTitle = title.endsWith(CONFLICT_SUFFIX) ? title : `${title}${CONFLICT_SUFFIX}`;
    const copy = await this.#store.create(copyTitle, text);
    this.#id = copy.id;
    this.#revision = copy.revision;
    this.#nextBase = copy.revision;
    this.#channel?.post({ type: 'created', id: copy.id });
    if (this.#disposed) return;
    this.#status.next({ state: 'conflict', originalId, copyId: copy.id, copyTitle });
    this.#startPending();
  }

  /** Reports `saved` once nothing is waiting or in flight. */
  #settle(): void {
    if (this.#disposed) return;
    const busy = this.#pending !== undefined || this.#nextBase !== this.#revision;
    if (busy) {
      if (this.#status.value.state !== 'failed') this.#status.next({ state: 'saving' });
      return;
    }
    this.#status.next({ state: 'saved', revision: this.#revision });
  }
}

/**
 * Flushes when the page is hidden or left — the last moments a browser reliably runs our code. A field
 * still focused is blurred first, so text typed but not yet committed (its `change` fires on blur) becomes
 * an edit and is saved with the rest. Returns the function that removes the listeners.
 */
export function flushOnPageHide(
  flush: () => void,
  win: EventTarget = window,
  doc: EventTarget & { readonly visibilityState: string } = document,
): () => void {
  const commitAndFlush = () => {
    commitFocusedField(doc);
    flush();
  };
  const onVisibility = () => {
    if (doc.visibilityState === 'hidden') commitAndFlush();
  };
  doc.addEventListener('visibilitychange', onVisibility);
  win.addEventListener('pagehide', commitAndFlush);
  return () => {
    doc.removeEventListener('visibilitychange', onVisibility);
    win.removeEventListener('pagehide', commitAndFlush);
  };
}

/** Blurs the focused element, following open shadow roots down to the real field. */
function commitFocusedField(doc: unknown): void {
  let focused = (doc as Partial<DocumentOrShadowRoot>).activeElement ?? null;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  (focused as Partial<HTMLElement> | null)?.blur?.();
}

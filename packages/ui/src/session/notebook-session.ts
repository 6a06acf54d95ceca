import { BehaviorSubject, type Observable, type Subscription } from 'rxjs';
import type { SaveStatus } from '../autosave/autosave';
import { historyCommandForEvent } from '../history/history-shortcut';
import type { NoticeBoard } from '../notices/notice-board';
import type { NotebookChannel } from '../storage/notebook-channel';
import type { NotebookStore } from '../storage/notebook-store';
import { describeStorageFailure } from '../storage/storage-error';
import { DocumentTransfer } from './document-transfer';
import { NotebookLibrary, type ReadResult } from './notebook-library';
import { OpenNotebook } from './open-notebook';
import { reflectSaveStatus } from './save-status-notices';
import {
  type DocumentCodec,
  INITIAL_SESSION_STATE,
  type LiveNotebook,
  type PageAddress,
  type SessionPanel,
  type SessionState,
  windowAddress,
} from './session-state';

/** How long a deleted notebook can be brought back. */
const UNDO_DELETE_MS = 8000;
/** Quiet time after another tab's last message before the list is re-read. */
const CHANNEL_REFRESH_MS = 400;

export interface NotebookSessionOptions<D> {
  readonly store: NotebookStore;
  readonly codec: DocumentCodec<D>;
  readonly channel?: NotebookChannel;
  readonly address?: PageAddress;
  /** The page's one notice board: saving trouble, a deleted notebook's Undo and broken links go there. */
  readonly notices: NoticeBoard;
  /** A fresh document for "nothing saved yet" and for replacing a deleted open notebook. */
  readonly blank: () => D;
}

/**
 * The open notebook's life outside the runtime: which saved notebook it is, autosave, undo/redo, the list
 * of notebooks, import/export and share links. The app shell forwards intents here and renders `state$`.
 *
 * Every way of bringing a document in (share link, file, duplicate, conflict) creates a NEW notebook; the
 * only writes to an existing one are its own autosaves and a rename.
 */
export class NotebookSession<D> {
  readonly #store: NotebookStore;
  readonly #codec: DocumentCodec<D>;
  readonly #channel: NotebookChannel | undefined;
  readonly #address: PageAddress;
  readonly #blank: () => D;
  readonly #state = new BehaviorSubject<SessionState>(INITIAL_SESSION_STATE);
  readonly #notices: NoticeBoard;
  readonly #library: NotebookLibrary<D>;
  readonly #open: OpenNotebook<D>;
  readonly #transfer: DocumentTransfer<D>;
  #notebook: LiveNotebook<D> | undefined;
  #documentSubscription: Subscription | undefined;
  /** The id last stored as "last open"; lags `currentId` when that write failed (a full disk). */
  #rememberedId: string | undefined;
  readonly #stopChannel: () => void;

  constructor(options: NotebookSessionOptions<D>) {
    this.#store = options.store;
    this.#codec = options.codec;
    this.#channel = options.channel;
    this.#address = options.address ?? windowAddress;
    this.#blank = options.blank;
    this.#library = new NotebookLibrary(options.store, options.codec, options.channel);
    this.#open = new OpenNotebook({
      store: options.store,
      codec: options.codec,
      channel: options.channel,
      onStatus: (status, openedAt, id) => this.#onSaveStatus(status, openedAt, id),
    });
    this.#notices = options.notices;
    this.#transfer = new DocumentTransfer<D>({
      codec: this.#codec,
      address: this.#address,
      notices: this.#notices,
      current: () => this.#open.document,
      state: () => this.#state.value,
      patch: (patch) => this.#patch(patch),
    });
    // Another tab autosaving sends a message per save; one list refresh per quiet moment is enough.
    let refresh: ReturnType<typeof setTimeout> | undefined;
    const stop = this.#channel?.listen(() => {
      clearTimeout(refresh);
      refresh = setTimeout(() => void this.refreshList(), CHANNEL_REFRESH_MS);
    });
    this.#stopChannel = () => {
      clearTimeout(refresh);
      stop?.();
    };
  }

  readonly state$: Observable<SessionState> = this.#state.asObservable();

  get state(): SessionState {
    return this.#state.value;
  }

  /** The document currently open (undefined before `start`). */
  get document(): D | undefined {
    return this.#open.document;
  }

  // ── Starting and following the runtime ──────────────────────────────────────────────────────────

  /**
   * Picks the first document: a share link in the address (imported as a new notebook), else the notebook
   * open before the reload, else the newest saved one, else `firstVisit` as a new notebook. Never throws:
   * storage trouble becomes a notice.
   */
  async start(firstVisit: () => D = this.#blank): Promise<D> {
    const shared = await this.#transfer.takeSharedDocument();
    if (shared !== undefined) {
      await this.#openAsNew(shared);
      return shared;
    }
    const lastId = await this.#try(() => this.#store.lastOpenId());
    const newest = (await this.#try(() => this.#store.list()))?.find((entry) => entry.status === 'ok');
    for (const id of [lastId, newest?.status === 'ok' ? newest.meta.id : undefined]) {
      if (id && (await this.#openSaved(id, false))) return this.#open.document ?? this.#blank();
    }
    const first = firstVisit();
    await this.#openAsNew(first);
    return first;
  }

  /** Follows the running notebook: each edit is saved at once, and a user's edit is an undo step. */
  attach(notebook: LiveNotebook<D>): void {
    this.#documentSubscription?.unsubscribe();
    this.#notebook = notebook;
    this.#documentSubscription = notebook.edits$.subscribe(({ before, after, origin }) => {
      this.#open.record(before, after, origin);
      this.#publishHistory();
      // An open share panel always offers a link to what is on screen now.
      void this.#transfer.refreshShareLink();
    });
    void this.refreshList();
  }

  /**
   * A share link pasted into the address bar of the open app changes only the fragment (no reload): open
   * it as a new notebook, as a fresh load would. Resolves true when one opened.
   */
  async openSharedLink(): Promise<boolean> {
    const shared = await this.#transfer.takeSharedDocument();
    if (shared === undefined) return false;
    await this.#openAsNew(shared);
    await this.#notebook?.load(shared);
    return true;
  }

  // ── Undo and redo ───────────────────────────────────────────────────────────────────────────────

  undo(): void {
    this.#applyStep(this.#open.undo());
  }

  redo(): void {
    this.#applyStep(this.#open.redo());
  }

  /** Handles Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y; returns true when it did. Text fields keep their own undo. */
  handleKeydown(event: KeyboardEvent): boolean {
    const command = historyCommandForEvent(event);
    if (!command) return false;
    event.preventDefault();
    if (command === 'undo') this.undo();
    else this.redo();
    return true;
  }

  /** Saves anything pending now (page hidden or closing). */
  flush(): Promise<void> {
    return this.#open.flush();
  }

  // ── Files, links and new notebooks ──────────────────────────────────────────────────────────────

  exportFile(): void {
    this.#transfer.exportFile();
  }

  /** Validates a picked or dropped file; a valid one opens as a new notebook, an invalid one is reported. */
  async importFile(file: Blob & { readonly name: string }): Promise<void> {
    const doc = await this.#transfer.readFile(file);
    if (doc !== undefined) await this.newNotebook(doc);
  }

  /** Opens the share panel with a link to the open notebook (or the reason there is none). */
  share(): Promise<void> {
    return this.#transfer.share();
  }

  async newNotebook(doc: D = this.#blank()): Promise<void> {
    await this.#openAsNew(doc);
    await this.#notebook?.load(doc);
  }

  /**
   * Opens any JSON value (an example, a template) as a new notebook after validating it; an invalid one is
   * reported and nothing changes. Resolves true when it opened.
   */
  async openAsNew(json: unknown, source: string): Promise<boolean> {
    const doc = this.#transfer.validate(json, source);
    if (doc === undefined) return false;
    await this.newNotebook(doc);
    return true;
  }

  // ── The notebook list and notices ───────────────────────────────────────────────────────────────

  async openNotebook(id: string): Promise<void> {
    if (id === this.#state.value.currentId) return;
    await this.flush();
    await this.#openSavedAndLoad(id);
  }

  async renameNotebook(id: string, title: string): Promise<void> {
    const current = this.#open.document;
    if (id === this.#state.value.currentId && current !== undefined) {
      this.#notebook?.replaceDocument(this.#codec.withTitle(current, title), 'user');
      return;
    }
    this.#reportRead(await this.#try(() => this.#library.rename(id, title)));
    await this.refreshList();
  }

  async duplicateNotebook(id: string): Promise<void> {
    if (id === this.#state.value.currentId) await this.flush();
    this.#reportRead(await this.#try(() => this.#library.duplicate(id)));
    await this.refreshList();
  }

  /** Deletes a notebook, offering Undo for a few seconds. Deleting the open one opens the next newest. */
  async deleteNotebook(id: string): Promise<void> {
    if (id === this.#state.value.currentId) await this.flush();
    const removal = await this.#try(() => this.#library.remove(id));
    if (!removal) return;
    const actions = removal.restore ? [{ label: 'Undo', run: this.#undoDelete(removal.restore) }] : [];
    const text = `Deleted “${removal.title}”.`;
    this.#notices.show({ id: 'deleted', severity: 'info', text, actions }, { timeoutMs: UNDO_DELETE_MS });
    await this.refreshList();
    if (id === this.#state.value.currentId) await this.#openReplacement();
  }

  /** Closes the share panel or the import report. */
  closePanel(panel: SessionPanel): void {
    this.#patch(panel === 'share' ? { share: undefined } : { importReport: undefined });
  }

  async refreshList(): Promise<void> {
    const entries = await this.#try(() => this.#store.list());
    if (entries) this.#patch({ entries });
  }

  dispose(): void {
    this.#documentSubscription?.unsubscribe();
    this.#open.dispose();
    this.#stopChannel();
    this.#state.complete();
  }

  /** The Undo button of a delete: puts the record back, once however often it is pressed. */
  #undoDelete(restore: () => Promise<void>): () => Promise<void> {
    let undone = false;
    return async () => {
      if (undone) return;
      undone = true;
      this.#notices.dismiss('deleted');
      await this.#try(restore);
      await this.refreshList();
    };
  }

  // ── Opening documents ────────────────────────────────────────────────────────────────────────────

  /** Starts a new notebook record for `doc` and makes it the open one. */
  async #openAsNew(doc: D): Promise<void> {
    await this.flush();
    this.#switchTo(this.#store.newId(), 0, doc);
    await this.flush();
    this.#channel?.post({ type: 'created', id: this.#state.value.currentId ?? '' });
    await this.refreshList();
  }

  /** Opens a stored notebook; false (with a notice when asked) if it is missing or damaged. */
  async #openSaved(id: string, tellUser: boolean): Promise<boolean> {
    const record = await this.#readValid(id, tellUser);
    if (!record) return false;
    this.#switchTo(id, record.revision, record.doc);
    return true;
  }

  /** Loads the stored version of the open notebook (another tab saved it); our pending edits are saved first. */
  async #reopenCurrent(): Promise<void> {
    this.#notices.dismiss('changed-elsewhere');
    await this.flush();
    const id = this.#state.value.currentId;
    if (id !== undefined) await this.#openSavedAndLoad(id);
  }

  async #openReplacement(): Promise<void> {
    const next = this.#state.value.entries.find((entry) => entry.status === 'ok');
    if (next?.status === 'ok' && (await this.#openSavedAndLoad(next.meta.id))) return;
    await this.newNotebook();
  }

  /** Opens a stored notebook and hands it to the runtime; false when it could not be opened. */
  async #openSavedAndLoad(id: string): Promise<boolean> {
    if (!(await this.#openSaved(id, true))) return false;
    const doc = this.#open.document;
    if (doc !== undefined) await this.#notebook?.load(doc);
    return true;
  }

  #switchTo(id: string, revision: number, doc: D): void {
    this.#open.switchTo(id, revision, doc);
    this.#remember(id);
    this.#publishHistory();
    // An open share panel follows the notebook on screen: never the link of the one before.
    if (this.#state.value.share) void this.#transfer.share();
  }

  #onSaveStatus(status: SaveStatus, openedAt: number, id: string): void {
    this.#patch({ save: status });
    reflectSaveStatus(this.#notices, status, { openNewerVersion: () => this.#reopenCurrent() });
    if (status.state === 'saved' && status.revision !== openedAt) this.#touchEntry(id);
    // Storage works again after remembering this notebook failed: remember it now, or a reload opens another.
    if (status.state === 'saved' && id === this.#state.value.currentId && id !== this.#rememberedId) {
      this.#remember(id);
    }
    if (status.state !== 'conflict') return;
    this.#remember(status.copyId);
    // Give the open document the copy's title too, so the header, the list and the next save agree.
    const present = this.#open.document;
    if (present !== undefined)
      this.#notebook?.replaceDocument(this.#codec.withTitle(present, status.copyTitle), 'user');
    void this.refreshList();
  }

  #remember(id: string): void {
    this.#patch({ currentId: id });
    void this.#try(async () => {
      await this.#store.setLastOpenId(id);
      this.#rememberedId = id;
    });
  }

  async #readValid(id: string, tellUser = true): Promise<{ doc: D; revision: number } | undefined> {
    const read = await this.#try(() => this.#library.read(id));
    if (tellUser) this.#reportRead(read);
    return read?.status === 'ok' ? read : undefined;
  }

  /** Tells the user why a stored notebook could not be used. */
  #reportRead(read: ReadResult<D> | undefined): void {
    if (read?.status === 'damaged') {
      const text = `Could not open that notebook: ${read.reason}.`;
      this.#notices.show({ id: 'open', severity: 'error', text });
    } else if (read?.status === 'invalid') {
      this.#patch({ importReport: { source: `“${read.title}”`, problems: read.problems } });
    }
  }

  /**
   * Updates the open notebook's row after an autosave without re-reading every record (which would parse
   * every saved document on each keystroke).
   */
  #touchEntry(id: string): void {
    const doc = this.#open.document;
    const { entries } = this.#state.value;
    const index = entries.findIndex((e) => e.status === 'ok' && e.meta.id === id);
    const entry = entries[index];
    if (doc === undefined || entry?.status !== 'ok') return;
    const touched = {
      status: 'ok' as const,
      meta: { ...entry.meta, title: this.#codec.titleOf(doc), updatedAt: Date.now() },
    };
    this.#patch({ entries: [touched, ...entries.filter((_, i) => i !== index)] });
  }

  // ── Small helpers ────────────────────────────────────────────────────────────────────────────────

  #applyStep(doc: D | undefined): void {
    if (doc === undefined) return;
    this.#notebook?.replaceDocument(doc, 'history');
    this.#publishHistory();
  }

  #publishHistory(): void {
    this.#patch({ canUndo: this.#open.canUndo, canRedo: this.#open.canRedo });
  }

  /** Runs a storage call; a failure becomes the storage notice and `undefined`, never an exception. */
  async #try<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      const { message } = describeStorageFailure('reach the saved notebooks', error);
      this.#notices.show({ id: 'storage', severity: 'error', text: message, dismissible: false });
      return undefined;
    }
  }

  #patch(patch: Partial<SessionState>): void {
    if (this.#state.closed) return;
    this.#state.next({ ...this.#state.value, ...patch });
  }
}

import type { Observable, Subscription } from 'rxjs';
import { historyCommandForEvent } from '../history/history-shortcut';
import type { NoticeBoard } from '../notices/notice-board';
import type { NotebookChannel } from '../storage/notebook-channel';
import type { NotebookStore } from '../storage/notebook-store';
import { DocumentTransfer } from './document-transfer';
import { NotebookLibrary } from './notebook-library';
import { NotebookListActions } from './notebook-list-actions';
import { NotebookSwitcher } from './notebook-switcher';
import { refreshOnOtherTabs } from './other-tabs';
import { SessionContext } from './session-context';
import {
  type DocumentCodec,
  type LiveNotebook,
  type PageAddress,
  type SessionPanel,
  type SessionState,
  windowAddress,
} from './session-state';

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
 * The work is done by its parts: NotebookSwitcher (which notebook is open), NotebookListActions (`list`,
 * the list's rows), DocumentTransfer (files and links) and OpenNotebook (undo and autosave).
 *
 * Every way of bringing a document in (share link, file, duplicate, conflict) creates a NEW notebook; the
 * only writes to an existing one are its own autosaves and a rename.
 */
export class NotebookSession<D> {
  readonly #context: SessionContext<D>;
  readonly #blank: () => D;
  readonly #switcher: NotebookSwitcher<D>;
  readonly #transfer: DocumentTransfer<D>;
  readonly #stopListening: () => void;
  #editSubscription: Subscription | undefined;
  /** The notebook list's row actions: open, rename, duplicate, delete with Undo. */
  readonly list: NotebookListActions<D>;

  constructor(options: NotebookSessionOptions<D>) {
    const context = new SessionContext<D>({ ...options, channel: options.channel });
    const library = new NotebookLibrary(options.store, options.codec, options.channel);
    this.#context = context;
    this.#blank = options.blank;
    this.#switcher = new NotebookSwitcher(context, library, () => this.#onSwitched());
    this.list = new NotebookListActions(context, library, this.#switcher, options.blank);
    this.#transfer = new DocumentTransfer<D>({
      codec: options.codec,
      address: options.address ?? windowAddress,
      notices: options.notices,
      current: () => this.document,
      state: () => context.state,
      patch: (patch) => context.patch(patch),
    });
    this.#stopListening = refreshOnOtherTabs(options.channel, () => void this.refreshList());
  }

  get state$(): Observable<SessionState> {
    return this.#context.state$;
  }

  get state(): SessionState {
    return this.#context.state;
  }

  /** The document currently open (undefined before `start`). */
  get document(): D | undefined {
    return this.#switcher.open.document;
  }

  // ── Starting and following the runtime ──────────────────────────────────────────────────────────

  /**
   * Picks the first document: a share link in the address (imported as a new notebook), else the notebook
   * open before the reload, else the newest saved one, else `firstVisit` as a new notebook. Never throws:
   * storage trouble becomes a notice.
   */
  async start(firstVisit: () => D = this.#blank): Promise<D> {
    const shared = await this.#transfer.takeSharedDocument();
    if (shared === undefined) return this.#switcher.openFirst(firstVisit);
    await this.#switcher.createAndOpen(shared);
    return shared;
  }

  /** Follows the running notebook: each edit is saved at once, and a user's edit is an undo step. */
  attach(notebook: LiveNotebook<D>): void {
    this.#editSubscription?.unsubscribe();
    this.#context.notebook = notebook;
    this.#editSubscription = notebook.edits$.subscribe(({ before, after, origin }) => {
      this.#switcher.open.record(before, after, origin);
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
    await this.#switcher.openNew(shared);
    return true;
  }

  // ── Undo and redo ───────────────────────────────────────────────────────────────────────────────

  undo(): void {
    this.#applyStep(this.#switcher.open.undo());
  }

  redo(): void {
    this.#applyStep(this.#switcher.open.redo());
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
    return this.#switcher.open.flush();
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

  newNotebook(doc: D = this.#blank()): Promise<void> {
    return this.#switcher.openNew(doc);
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

  /** Closes the share panel or the import report. */
  closePanel(panel: SessionPanel): void {
    this.#context.patch(panel === 'share' ? { share: undefined } : { importReport: undefined });
  }

  refreshList(): Promise<void> {
    return this.#context.refreshList();
  }

  dispose(): void {
    this.#editSubscription?.unsubscribe();
    this.#switcher.open.dispose();
    this.#stopListening();
    this.#context.close();
  }

  #onSwitched(): void {
    this.#publishHistory();
    // An open share panel follows the notebook on screen: never the link of the one before.
    if (this.#context.state.share) void this.#transfer.share();
  }

  /** Undo and redo hand the runtime the step's document; the runtime's edit is then saved, not recorded. */
  #applyStep(doc: D | undefined): void {
    if (doc === undefined) return;
    this.#context.notebook?.replaceDocument(doc, 'history');
    this.#publishHistory();
  }

  #publishHistory(): void {
    const { open } = this.#switcher;
    this.#context.patch({ canUndo: open.canUndo, canRedo: open.canRedo });
  }
}

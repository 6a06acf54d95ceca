import type { SaveStatus } from '../autosave/autosave';
import type { NotebookLibrary } from './notebook-library';
import { OpenNotebook } from './open-notebook';
import { readUsable } from './report-read';
import { reflectSaveStatus } from './save-status-notices';
import type { SessionContext } from './session-context';

/**
 * Which saved notebook is on screen, and switching to another: a new record for a document that comes
 * in, a stored one by id, the newer version another tab saved, the next one after a delete. It remembers
 * the open notebook for the next visit and follows its autosave (conflict copies, the list row).
 */
export class NotebookSwitcher<D> {
  readonly #context: SessionContext<D>;
  readonly #library: NotebookLibrary<D>;
  readonly #onSwitched: () => void;
  /** The open notebook's record, undo history and autosave. */
  readonly open: OpenNotebook<D>;
  /** The id last stored as "last open"; lags `currentId` when that write failed (a full disk). */
  #rememberedId: string | undefined;

  /** `onSwitched` hears every switch, after the new document is in place. */
  constructor(context: SessionContext<D>, library: NotebookLibrary<D>, onSwitched: () => void) {
    this.#context = context;
    this.#library = library;
    this.#onSwitched = onSwitched;
    this.open = new OpenNotebook({
      store: context.store,
      codec: context.codec,
      channel: context.channel,
      onStatus: (status, openedAt, id) => this.#onSaveStatus(status, openedAt, id),
    });
  }

  /**
   * Opens the notebook open before the reload, else the newest saved one, else `firstVisit` as a new
   * notebook; returns the document opened.
   */
  async openFirst(firstVisit: () => D): Promise<D> {
    const { store } = this.#context;
    const lastId = await this.#context.attempt(() => store.lastOpenId());
    const newest = (await this.#context.attempt(() => store.list()))?.find((entry) => entry.status === 'ok');
    for (const id of [lastId, newest?.status === 'ok' ? newest.meta.id : undefined]) {
      if (id && (await this.openSaved(id, false))) {
        const opened = this.open.document;
        if (opened !== undefined) return opened;
      }
    }
    const first = firstVisit();
    await this.createAndOpen(first);
    return first;
  }

  /** Starts a new notebook record for `doc` and makes it the open one (the runtime is not told). */
  async createAndOpen(doc: D): Promise<void> {
    await this.open.flush();
    this.#switchTo(this.#context.store.newId(), 0, doc);
    await this.open.flush();
    this.#context.channel?.post({ type: 'created', id: this.#context.state.currentId ?? '' });
    await this.#context.refreshList();
  }

  /** A new notebook for `doc`, shown by the runtime. */
  async openNew(doc: D): Promise<void> {
    await this.createAndOpen(doc);
    await this.#context.notebook?.load(doc);
  }

  /** Opens a stored notebook; false (with a notice when asked) if it is missing or damaged. */
  async openSaved(id: string, tellUser: boolean): Promise<boolean> {
    const record = await readUsable(this.#context, this.#library, id, tellUser);
    if (!record) return false;
    this.#switchTo(id, record.revision, record.doc);
    return true;
  }

  /** Opens a stored notebook and hands it to the runtime; false when it could not be opened. */
  async openSavedAndLoad(id: string): Promise<boolean> {
    if (!(await this.openSaved(id, true))) return false;
    const doc = this.open.document;
    if (doc !== undefined) await this.#context.notebook?.load(doc);
    return true;
  }

  /** Loads the stored version of the open notebook (another tab saved it); our pending edits are saved first. */
  async reopenCurrent(): Promise<void> {
    this.#context.notices.dismiss('changed-elsewhere');
    await this.open.flush();
    const id = this.#context.state.currentId;
    if (id !== undefined) await this.openSavedAndLoad(id);
  }

  /** After the open notebook was deleted: the newest other one, else `blank` as a new notebook. */
  async openReplacement(blank: () => D): Promise<void> {
    const next = this.#context.state.entries.find((entry) => entry.status === 'ok');
    if (next?.status === 'ok' && (await this.openSavedAndLoad(next.meta.id))) return;
    await this.openNew(blank());
  }

  #switchTo(id: string, revision: number, doc: D): void {
    this.open.switchTo(id, revision, doc);
    this.#remember(id);
    this.#onSwitched();
  }

  #onSaveStatus(status: SaveStatus, openedAt: number, id: string): void {
    const context = this.#context;
    context.patch({ save: status });
    reflectSaveStatus(context.notices, status, { openNewerVersion: () => this.reopenCurrent() });
    if (status.state === 'saved' && status.revision !== openedAt) this.#touchEntry(id);
    // Storage works again after remembering this notebook failed: remember it now, or a reload opens another.
    if (status.state === 'saved' && id === context.state.currentId && id !== this.#rememberedId) {
      this.#remember(id);
    }
    if (status.state !== 'conflict') return;
    this.#remember(status.copyId);
    // Give the open document the copy's title too, so the header, the list and the next save agree.
    const present = this.open.document;
    if (present !== undefined)
      context.notebook?.replaceDocument(context.codec.withTitle(present, status.copyTitle), 'user');
    void context.refreshList();
  }

  #remember(id: string): void {
    const { store } = this.#context;
    this.#context.patch({ currentId: id });
    void this.#context.attempt(async () => {
      await store.setLastOpenId(id);
      this.#rememberedId = id;
    });
  }

  /**
   * Updates the open notebook's row after an autosave without re-reading every record (which would parse
   * every saved document on each keystroke).
   */
  #touchEntry(id: string): void {
    const doc = this.open.document;
    const { entries } = this.#context.state;
    const index = entries.findIndex((e) => e.status === 'ok' && e.meta.id === id);
    const entry = entries[index];
    if (doc === undefined || entry?.status !== 'ok') return;
    const touched = {
      status: 'ok' as const,
      meta: { ...entry.meta, title: this.#context.codec.titleOf(doc), updatedAt: Date.now() },
    };
    this.#context.patch({ entries: [touched, ...entries.filter((_, i) => i !== index)] });
  }
}

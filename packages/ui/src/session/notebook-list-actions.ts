import type { NotebookLibrary } from './notebook-library';
import type { NotebookSwitcher } from './notebook-switcher';
import { reportRead } from './report-read';
import type { SessionContext } from './session-context';

/** How long a deleted notebook can be brought back. */
const UNDO_DELETE_MS = 8000;

/**
 * What the notebook list offers on each row: open, rename, duplicate, and delete with an Undo. The open
 * notebook is special: its pending edits are saved first, it is renamed through its document, and
 * deleting it opens the next one.
 */
export class NotebookListActions<D> {
  readonly #context: SessionContext<D>;
  readonly #library: NotebookLibrary<D>;
  readonly #switcher: NotebookSwitcher<D>;
  readonly #blank: () => D;

  constructor(
    context: SessionContext<D>,
    library: NotebookLibrary<D>,
    switcher: NotebookSwitcher<D>,
    blank: () => D,
  ) {
    this.#context = context;
    this.#library = library;
    this.#switcher = switcher;
    this.#blank = blank;
  }

  async open(id: string): Promise<void> {
    if (this.#isOpen(id)) return;
    await this.#switcher.open.flush();
    await this.#switcher.openSavedAndLoad(id);
  }

  async rename(id: string, title: string): Promise<void> {
    const current = this.#switcher.open.document;
    if (this.#isOpen(id) && current !== undefined) {
      this.#context.notebook?.replaceDocument(this.#context.codec.withTitle(current, title), 'user');
      return;
    }
    reportRead(this.#context, await this.#context.attempt(() => this.#library.rename(id, title)));
    await this.#context.refreshList();
  }

  async duplicate(id: string): Promise<void> {
    if (this.#isOpen(id)) await this.#switcher.open.flush();
    reportRead(this.#context, await this.#context.attempt(() => this.#library.duplicate(id)));
    await this.#context.refreshList();
  }

  /** Deletes a notebook, offering Undo for a few seconds. Deleting the open one opens the next newest. */
  async delete(id: string): Promise<void> {
    if (this.#isOpen(id)) await this.#switcher.open.flush();
    const removal = await this.#context.attempt(() => this.#library.remove(id));
    if (!removal) return;
    const actions = removal.restore ? [{ label: 'Undo', run: this.#undoDelete(removal.restore) }] : [];
    const text = `Deleted “${removal.title}”.`;
    this.#context.notices.show(
      { id: 'deleted', severity: 'info', text, actions },
      { timeoutMs: UNDO_DELETE_MS },
    );
    await this.#context.refreshList();
    if (this.#isOpen(id)) await this.#switcher.openReplacement(this.#blank);
  }

  /** The Undo button of a delete: puts the record back, once however often it is pressed. */
  #undoDelete(restore: () => Promise<void>): () => Promise<void> {
    let undone = false;
    return async () => {
      if (undone) return;
      undone = true;
      this.#context.notices.dismiss('deleted');
      await this.#context.attempt(restore);
      await this.#context.refreshList();
    };
  }

  #isOpen(id: string): boolean {
    return id === this.#context.state.currentId;
  }
}

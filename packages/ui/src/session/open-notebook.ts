import type { Subscription } from 'rxjs';
import { Autosave, type SaveStatus } from '../autosave/autosave';
import { describeEdit } from '../history/describe-edit';
import { UndoHistory } from '../history/undo-history';
import type { NotebookChannel } from '../storage/notebook-channel';
import type { NotebookStore } from '../storage/notebook-store';
import type { DocumentCodec } from './session-state';

export interface OpenNotebookOptions<D> {
  readonly store: NotebookStore;
  readonly codec: DocumentCodec<D>;
  readonly channel: NotebookChannel | undefined;
  /** Autosave's news; `openedAt` is the revision the notebook was opened at, `id` where it saves now. */
  readonly onStatus: (status: SaveStatus, openedAt: number, id: string) => void;
}

/**
 * The notebook on screen as saving and undo see it: which record it saves to, its undo history and its
 * autosave. Opening another notebook swaps all three together, so an
 * edit can never be saved into the record of the notebook that was open before.
 */
export class OpenNotebook<D> {
  readonly #options: OpenNotebookOptions<D>;
  #timeline: UndoHistory<D> | undefined;
  #autosave: Autosave<D> | undefined;
  #subscription: Subscription | undefined;

  constructor(options: OpenNotebookOptions<D>) {
    this.#options = options;
  }

  get document(): D | undefined {
    return this.#timeline?.present;
  }

  get canUndo(): boolean {
    return this.#timeline?.canUndo ?? false;
  }

  get canRedo(): boolean {
    return this.#timeline?.canRedo ?? false;
  }

  /** Makes `doc` the open notebook, saved under `id`; revision 0 means "not stored yet" and saves it soon. */
  switchTo(id: string, revision: number, doc: D): void {
    const { store, codec, channel, onStatus } = this.#options;
    // The timeline first: autosave reports its state at once, and listeners read the document.
    // Edits reach the history as they are made, never as echoes, so identity tells "unchanged" apart.
    if (this.#timeline) this.#timeline.reset(doc);
    else this.#timeline = new UndoHistory<D>(doc, { equals: Object.is });
    this.#subscription?.unsubscribe();
    this.#autosave?.dispose();
    const autosave = new Autosave<D>({
      store,
      id,
      revision,
      channel,
      snapshot: (d) => ({ title: codec.titleOf(d), text: codec.serialize(d) }),
    });
    this.#autosave = autosave;
    this.#subscription = autosave.status$.subscribe((status) => onStatus(status, revision, autosave.id));
    if (revision === 0) autosave.change(doc);
  }

  /**
   * An edit the user made, in its own task: an undo step (merged with the previous one when it tweaks the
   * same field), and a save started at once. Undo and redo steps are only saved.
   */
  record(before: D, after: D, origin: 'user' | 'history'): void {
    if (origin === 'user') this.#timeline?.record(after, describeEdit(before, after));
    this.#autosave?.change(after);
  }

  /** The document to hand the runtime for Undo (it is saved too), or undefined. */
  undo(): D | undefined {
    return this.#timeline?.undo();
  }

  redo(): D | undefined {
    return this.#timeline?.redo();
  }

  flush(): Promise<void> {
    return this.#autosave?.flush() ?? Promise.resolve();
  }

  dispose(): void {
    this.#subscription?.unsubscribe();
    this.#autosave?.dispose();
  }
}

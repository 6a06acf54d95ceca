import { type DocumentProblem, validateNotebookText } from '../share/notebook-file';
import type { NotebookChannel } from '../storage/notebook-channel';
import type { NotebookStore } from '../storage/notebook-store';
import type { DocumentCodec } from './session-state';

/** A stored notebook read back and validated. */
export type ReadResult<D> =
  | { readonly status: 'ok'; readonly doc: D; readonly revision: number; readonly title: string }
  | { readonly status: 'missing' }
  | { readonly status: 'damaged'; readonly reason: string }
  | { readonly status: 'invalid'; readonly title: string; readonly problems: readonly DocumentProblem[] };

/** What a delete leaves behind: the title for the notice, and a way back while the Undo lasts. */
export interface Removal {
  readonly title: string;
  /** Absent for a damaged record, which cannot be put back faithfully. */
  readonly restore?: () => Promise<void>;
}

/**
 * Operations on saved notebooks as documents (not as the one open on screen): read and validate, rename,
 * duplicate, delete with a way back. Storage failures are thrown (StorageError) for the caller to report;
 * other tabs hear about every change.
 */
export class NotebookLibrary<D> {
  readonly #store: NotebookStore;
  readonly #codec: DocumentCodec<D>;
  readonly #channel: NotebookChannel | undefined;

  constructor(store: NotebookStore, codec: DocumentCodec<D>, channel: NotebookChannel | undefined) {
    this.#store = store;
    this.#codec = codec;
    this.#channel = channel;
  }

  async read(id: string): Promise<ReadResult<D>> {
    const loaded = await this.#store.load(id);
    if (loaded.status !== 'ok') return loaded;
    const { record } = loaded;
    const result = validateNotebookText(
      record.document,
      (text) => this.#codec.parseSaved(text),
      record.title,
    );
    if (result.status === 'invalid')
      return { status: 'invalid', title: record.title, problems: result.problems };
    return { status: 'ok', doc: result.document, revision: record.revision, title: record.title };
  }

  /** Renames a notebook that is not open (the open one is renamed through its document). */
  async rename(id: string, title: string): Promise<ReadResult<D>> {
    const read = await this.read(id);
    if (read.status !== 'ok') return read;
    const text = this.#codec.serialize(this.#codec.withTitle(read.doc, title));
    const saved = await this.#store.save(id, title, text, read.revision);
    if (saved.status === 'saved') this.#channel?.post({ type: 'saved', id, revision: saved.meta.revision });
    return read;
  }

  /** Stores a copy titled "… (copy)" next to the original. */
  async duplicate(id: string): Promise<ReadResult<D>> {
    const read = await this.read(id);
    if (read.status !== 'ok') return read;
    const title = `${this.#codec.titleOf(read.doc)} (copy)`;
    const copy = await this.#store.create(
      title,
      this.#codec.serialize(this.#codec.withTitle(read.doc, title)),
    );
    this.#channel?.post({ type: 'created', id: copy.id });
    return read;
  }

  /** Deletes every revision; keeps the current record in memory so the deletion can be undone. */
  async remove(id: string): Promise<Removal> {
    const loaded = await this.#store.load(id);
    await this.#store.remove(id);
    this.#channel?.post({ type: 'deleted', id });
    if (loaded.status !== 'ok') return { title: 'the damaged notebook' };
    const { record } = loaded;
    return {
      title: record.title,
      restore: async () => {
        await this.#store.restore(record);
        this.#channel?.post({ type: 'created', id: record.id });
      },
    };
  }
}

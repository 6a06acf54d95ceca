import type { NoticeBoard } from '../notices/notice-board';
import { downloadText, exportFileName, readNotebookFile, validateNotebookText } from '../share/notebook-file';
import { readShareLink } from '../share/read-share-link';
import { encodeShareFragment } from '../share/share-link';
import type { DocumentCodec, PageAddress, SessionState } from './session-state';

/** What DocumentTransfer needs from the session it works for. */
export interface TransferHost<D> {
  readonly codec: DocumentCodec<D>;
  readonly address: PageAddress;
  readonly notices: NoticeBoard;
  /** The document on screen now. */
  current(): D | undefined;
  state(): SessionState;
  patch(patch: Partial<SessionState>): void;
}

/**
 * Documents crossing the edge of the app: export to a file, import from one, share links out (the share
 * panel) and in (the address fragment), and validating JSON from elsewhere. Anything that comes in is
 * validated strictly; an invalid one becomes the import report, a broken link a notice, and the caller
 * gets `undefined`.
 */
export class DocumentTransfer<D> {
  readonly #host: TransferHost<D>;

  constructor(host: TransferHost<D>) {
    this.#host = host;
  }

  exportFile(): void {
    const doc = this.#host.current();
    if (doc === undefined) return;
    const { codec } = this.#host;
    downloadText(exportFileName(codec.titleOf(doc)), codec.serialize(doc));
  }

  /** A picked or dropped file's document, or undefined (reported) when it is not a valid notebook. */
  async readFile(file: Blob & { readonly name: string }): Promise<D | undefined> {
    const result = await readNotebookFile(file, (text) => this.#host.codec.parse(text));
    if (result.status === 'invalid') {
      this.#host.patch({ importReport: { source: result.source, problems: result.problems } });
      return undefined;
    }
    this.#host.patch({ importReport: undefined });
    return result.document;
  }

  /** Any JSON value (an example, a template) as a document, or undefined (reported) when invalid. */
  validate(json: unknown, source: string): D | undefined {
    const parse = (text: string) => this.#host.codec.parse(text);
    const result = validateNotebookText(JSON.stringify(json), parse, source);
    if (result.status === 'ok') return result.document;
    this.#host.patch({ importReport: { source: result.source, problems: result.problems, document: json } });
    return undefined;
  }

  /** Opens the share panel with a link to the open notebook (or the reason there is none). */
  async share(): Promise<void> {
    this.#host.patch({ share: { status: 'working' } });
    await this.refreshShareLink();
  }

  /** Fills an open share panel with a link to the document on screen; dropped if it was closed meanwhile. */
  async refreshShareLink(): Promise<void> {
    const doc = this.#host.current();
    if (doc === undefined || !this.#host.state().share) return;
    try {
      const link = await encodeShareFragment(this.#host.codec.serialize(doc));
      if (!this.#host.state().share || doc !== this.#host.current()) return;
      const url = link.status === 'ok' ? this.#host.address.base + link.fragment : '';
      this.#host.patch({ share: link.status === 'ok' ? { status: 'ready', url } : link });
    } catch {
      // CompressionStream is missing in old browsers; the file still works everywhere.
      this.#host.patch({ share: undefined });
      const message = 'This browser cannot make share links. Use Export to share the notebook as a file.';
      this.#host.notices.show({ id: 'share-link', severity: 'error', text: message });
    }
  }

  /** The document of a `#share=…` fragment in the address, read once and cleared so a reload does not import again. */
  async takeSharedDocument(): Promise<D | undefined> {
    const { address, codec, notices } = this.#host;
    const shared = await readShareLink(address.hash, (text) => codec.parse(text));
    if (shared.status !== 'none') address.clearHash();
    if (shared.status === 'broken') {
      notices.show({ id: 'share-link', severity: 'error', text: shared.message });
    } else if (shared.status === 'invalid') {
      this.#host.patch({ importReport: { source: shared.source, problems: shared.problems } });
    }
    return shared.status === 'ok' ? shared.doc : undefined;
  }
}

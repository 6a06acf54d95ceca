import type { Observable } from 'rxjs';
import type { SaveStatus } from '../autosave/autosave';
import type { Notice } from '../components/cb-notices/notice';
import type { ShareState } from '../components/cb-share-dialog/cb-share-dialog';
import type { DocumentProblem } from '../share/notebook-file';
import type { NotebookListEntry } from '../storage/saved-notebook';

/** Everything the persistence panels render, published by NotebookSession as one value. */
export interface SessionState {
  /** The id the open notebook is saved under. */
  readonly currentId: string | undefined;
  readonly entries: readonly NotebookListEntry[];
  readonly notices: readonly Notice[];
  readonly save: SaveStatus | undefined;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Set while the share panel is open. */
  readonly share: ShareState | undefined;
  /** Set after a file or link failed validation. */
  readonly importReport:
    | {
        readonly source: string;
        readonly problems: readonly DocumentProblem[];
        /** The document as read, when it parsed as JSON: lets the report name cells by title. */
        readonly document?: unknown;
      }
    | undefined;
}

export const INITIAL_SESSION_STATE: SessionState = {
  currentId: undefined,
  entries: [],
  notices: [],
  save: undefined,
  canUndo: false,
  canRedo: false,
  share: undefined,
  importReport: undefined,
};

/** How the session reads and writes documents: cells' parse/serialize plus the title field. */
export interface DocumentCodec<D> {
  /** Validates; throws an error with `problems: {path, message}[]` (cells' DocumentError) when invalid. */
  parse(text: string): D;
  /**
   * Reads a record this app saved itself. Autosave keeps every state the live notebook passes through,
   * including a cell left unwired or a parameter out of range mid-edit, so this may be more lenient than
   * `parse`; files and links always go through `parse`.
   */
  parseSaved(text: string): D;
  serialize(doc: D): string;
  titleOf(doc: D): string;
  withTitle(doc: D, title: string): D;
}

/** One edit the page applied, heard in its own task (PageNotebook.edits$ has this shape). */
export interface DocumentChange<D> {
  readonly before: D;
  readonly after: D;
  /** 'user': a new undo step; 'history': undo or redo moving through the steps already recorded. */
  readonly origin: 'user' | 'history';
}

/** The running notebook as the session needs it (PageNotebook has this shape). */
export interface LiveNotebook<D> {
  readonly edits$: Observable<DocumentChange<D>>;
  replaceDocument(doc: D, origin: 'user' | 'history'): void;
  load(doc: D): Promise<void>;
}

/** The page address, so share links can be read and cleared (window.location in the app). */
export interface PageAddress {
  /** The address without its fragment, which share links are built on. */
  readonly base: string;
  readonly hash: string;
  clearHash(): void;
}

export const windowAddress: PageAddress = {
  get base() {
    return window.location.href.split('#')[0] ?? '';
  },
  get hash() {
    return window.location.hash;
  },
  clearHash() {
    history.replaceState(history.state, '', window.location.href.split('#')[0]);
  },
};

import {
  type NotebookDocument,
  parseNotebook,
  type SerializedCells,
  serializeNotebook,
} from '@convbook/cells';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Subscription } from 'rxjs';
import { flushOnPageHide } from '../autosave/autosave';
import '../components/cb-notebook-list/cb-notebook-list';
import '../components/cb-session-panel/cb-session-panel';
import type { NoticeBoard } from '../notices/notice-board';
import { NotebookChannel } from '../storage/notebook-channel';
import { NotebookStore } from '../storage/notebook-store';
import { commitUncheckedNow } from '../storage/one-transaction';
import { NotebookSession } from './notebook-session';
import type { DocumentCodec, LiveNotebook, SessionState } from './session-state';

/** The seams of the app shell (cb-app) this controller plugs into. */
export interface SessionHost extends ReactiveControllerHost, HTMLElement {
  commands: Partial<Record<'undo' | 'redo' | 'export' | 'import' | 'share' | 'notebooks', () => void>>;
  sidePanel: unknown;
  initialDocument: () => Promise<unknown> | unknown;
  /** Opens a document as a new notebook ("New notebook", examples). */
  openAsNew: (json: unknown, source: string) => Promise<boolean>;
  openDocument(json: unknown): Promise<boolean>;
  readonly notebook: LiveNotebook<NotebookDocument>;
  /** The page's notices; the session's own (saving, the notebook list, links) join them. */
  readonly notices: NoticeBoard;
}

/** Every save writes the whole text; only the cells an edit replaced are serialized again. */
const cellTexts: SerializedCells = new WeakMap();

const codec: DocumentCodec<NotebookDocument> = {
  parse: (text) => parseNotebook(text),
  parseSaved: (text) => parseNotebook(text, LENIENT),
  serialize: (doc) => serializeNotebook(doc, cellTexts),
  titleOf: (doc) => doc.title,
  withTitle: (doc, title) => ({ ...doc, title }),
};

/** How the worker loads a live notebook; our own saved records are read the same way. */
const LENIENT = { lenientParams: true } as const;

const EMPTY: NotebookDocument = { format: 'convbook', version: 1, title: 'Untitled notebook', cells: [] };

/**
 * Connects NotebookSession to the app shell: the first document, the toolbar commands, keyboard undo,
 * file import (picker and drop), the notebook list in the side panel and the floating share/import panels.
 * cb-app creates one in its constructor; everything else happens through the host's public seams.
 */
export class SessionController implements ReactiveController {
  readonly session: NotebookSession<NotebookDocument>;
  readonly #host: SessionHost;
  readonly #list = document.createElement('cb-notebook-list');
  readonly #panel = document.createElement('cb-session-panel');
  readonly #filePicker = this.#createFilePicker();
  #subscription: Subscription | undefined;
  #stopPageHide: (() => void) | undefined;
  #historyFlags = '';

  constructor(host: SessionHost) {
    this.#host = host;
    this.session = new NotebookSession({
      store: new NotebookStore(undefined, { validate: (text) => void parseNotebook(text, LENIENT) }),
      codec,
      channel: new NotebookChannel(),
      notices: host.notices,
      blank: () => EMPTY,
    });
    const firstVisit = host.initialDocument;
    host.initialDocument = () => this.#start(firstVisit);
    host.openAsNew = (json, source) => this.session.openAsNew(json, source);
    host.sidePanel = this.#list;
    host.addController(this);
    this.#listenToPanels();
  }

  hostConnected(): void {
    document.body.append(this.#panel, this.#filePicker);
    window.addEventListener('keydown', this.#onKeydown);
    window.addEventListener('hashchange', this.#onHashChange);
    this.#host.addEventListener('dragover', this.#onDragOver);
    this.#host.addEventListener('drop', this.#onDrop);
    this.#stopPageHide = flushOnPageHide(() => {
      void this.session.flush(); // starts the last save in this task…
      commitUncheckedNow(); // …and commits it before the page goes
    });
    this.#subscription = this.session.state$.subscribe((state) => this.#render(state));
  }

  hostDisconnected(): void {
    void this.session.flush();
    this.#panel.remove();
    this.#filePicker.remove();
    window.removeEventListener('keydown', this.#onKeydown);
    window.removeEventListener('hashchange', this.#onHashChange);
    this.#host.removeEventListener('dragover', this.#onDragOver);
    this.#host.removeEventListener('drop', this.#onDrop);
    this.#stopPageHide?.();
    this.#subscription?.unsubscribe();
  }

  async #start(firstVisit: () => Promise<unknown> | unknown): Promise<NotebookDocument> {
    let first = EMPTY;
    try {
      first = parseNotebook(JSON.stringify(await firstVisit()));
    } catch {
      // A broken first-visit example must not stop the app: start from an empty notebook.
    }
    const doc = await this.session.start(() => first);
    const notebook = this.#host.notebook;
    const live: LiveNotebook<NotebookDocument> = {
      edits$: notebook.edits$,
      replaceDocument: (d, origin) => notebook.replaceDocument(d, origin),
      load: async (d) => {
        await this.#host.openDocument(d);
      },
    };
    this.session.attach(live);
    return doc;
  }

  #render(state: SessionState): void {
    this.#list.entries = state.entries;
    this.#list.currentId = state.currentId ?? '';
    this.#list.saveStatus = state.save;
    this.#panel.state = state;
    // Reassigning commands re-renders the shell, so only do it when the Undo/Redo availability changed.
    const flags = `${state.canUndo}/${state.canRedo}`;
    if (flags === this.#historyFlags) return;
    this.#historyFlags = flags;
    const session = this.session;
    this.#host.commands = {
      ...(state.canUndo ? { undo: () => session.undo() } : {}),
      ...(state.canRedo ? { redo: () => session.redo() } : {}),
      export: () => session.exportFile(),
      import: () => this.#pickFile(),
      share: () => void session.share(),
      notebooks: () => void session.refreshList(),
    };
  }

  #listenToPanels(): void {
    const session = this.session;
    this.#list.addEventListener('notebook-open', (e) => void session.list.open(e.notebookId));
    this.#list.addEventListener('notebook-rename', (e) => void session.list.rename(e.notebookId, e.title));
    this.#list.addEventListener('notebook-duplicate', (e) => void session.list.duplicate(e.notebookId));
    this.#list.addEventListener('notebook-delete', (e) => void session.list.delete(e.notebookId));
    this.#panel.addEventListener('panel-close', (e) => session.closePanel(e.panel));
    this.#panel.addEventListener('notebook-export', () => session.exportFile());
  }

  /** Opens the browser's file picker; the input lives in the page so every browser honours click(). */
  #pickFile(): void {
    this.#filePicker.value = '';
    this.#filePicker.click();
  }

  #createFilePicker(): HTMLInputElement {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json';
    input.hidden = true;
    input.setAttribute('aria-hidden', 'true');
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) void this.session.importFile(file);
    });
    return input;
  }

  readonly #onKeydown = (event: KeyboardEvent): void => {
    this.session.handleKeydown(event);
  };

  readonly #onHashChange = (): void => {
    void this.session.openSharedLink();
  };

  readonly #onDragOver = (event: DragEvent): void => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  };

  readonly #onDrop = (event: DragEvent): void => {
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    event.preventDefault();
    void this.session.importFile(file);
  };
}

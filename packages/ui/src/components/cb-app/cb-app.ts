import { cellKindSchemas, describeProblem, kindWordsFrom, type NotebookDocument } from '@convbook/cells';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { controlStyles } from '../../app-styles/shared-styles';
import { titleFieldStyles } from '../../app-styles/title-field-styles';
import type { KindInfo } from '../../catalog/value-types';
import { NotebookIntentsController } from '../../controllers/notebook-intents-controller';
import { NotebookNoticesController } from '../../controllers/notebook-notices-controller';
import { ObservableController } from '../../controllers/observable-controller';
import type { ExampleOpenEvent } from '../../events/example-open';
import type { MapZoomRequestEvent } from '../../events/map-zoom-request';
import { NotebookTitleChangeEvent } from '../../events/notebook-title-change';
import { examples, FIRST_VISIT_EXAMPLE, findExample } from '../../examples/example-catalog';
import { NoticeBoard } from '../../notices/notice-board';
import { PageNotebook } from '../../session/page-notebook';
import { SessionController } from '../../session/session-controller';
import { LoadError } from '../../worker/compute-client';
import { renderTitleField } from '../cb-cell/title-field';
import '../cb-examples/cb-examples';
import type { CbMapZoom } from '../cb-map-zoom/cb-map-zoom';
import '../cb-map-zoom/cb-map-zoom';
import type { CbShortcutsSheet } from '../cb-shortcuts-sheet/cb-shortcuts-sheet';
import '../cb-shortcuts-sheet/cb-shortcuts-sheet';
import '../cb-notebook/cb-notebook';
import '../cb-notices/cb-notices';
import { appStyles } from './cb-app.styles';

/** Toolbar commands whose behaviour is plugged in from outside (storage, sharing, history). */
export type ToolbarCommand = 'undo' | 'redo' | 'export' | 'import' | 'share' | 'notebooks';

/** How long news (not an error) stays up. */
const NEWS_MS = 6000;

export const EMPTY_DOCUMENT: NotebookDocument = {
  format: 'convbook',
  version: 1,
  title: 'Untitled notebook',
  cells: [],
};

/**
 * The app shell: header with the notebook title and toolbar, the column of cells, a side panel and the
 * page's notices. It owns the current notebook (a PageNotebook: the document lives here, the runtime in a
 * worker) and the one NoticeBoard everything reports to.
 *
 * Seams for storage, sharing and history: `commands` supplies
 * the toolbar actions (a button without a command is disabled), `sidePanel` is rendered in the aside
 * (toggled by "Notebooks"), `initialDocument` picks what opens first, and `openDocument` / `notices` are
 * public so those modules can open notebooks and report.
 */
export class CbApp extends LitElement {
  static override styles = [controlStyles, titleFieldStyles, appStyles];
  static override properties = {
    commands: { attribute: false },
    sidePanel: { attribute: false },
    sideOpen: { type: Boolean, attribute: 'side-open', reflect: true },
  };

  declare commands: Partial<Record<ToolbarCommand, () => void>>;
  declare sidePanel: TemplateResult | HTMLElement | undefined;
  declare sideOpen: boolean;
  /**
   * Opens a document as a new notebook ("New notebook", the examples). Storage replaces this so the
   * current notebook is kept and the new one gets its own record.
   */
  openAsNew: (json: unknown, source: string) => Promise<boolean> = (json) => this.openDocument(json);
  /** What opens on start; replace to restore the last open notebook. */
  initialDocument: () => Promise<unknown> | unknown = () =>
    (findExample(FIRST_VISIT_EXAMPLE) ?? examples[0])?.document ?? EMPTY_DOCUMENT;

  readonly notebook: PageNotebook = PageNotebook.start();
  readonly notices = new NoticeBoard();
  readonly #document = new ObservableController<NotebookDocument | undefined>(this, this.notebook.document$);
  readonly #kinds = new ObservableController<ReadonlyMap<string, KindInfo>>(this, this.notebook.kinds$);
  #started = false;

  constructor() {
    super();
    this.commands = {};
    this.sidePanel = undefined;
    this.sideOpen = false;
    new NotebookIntentsController(
      this,
      () => this.notebook,
      () => this.#kinds.value ?? new Map(),
      (text) => this.notices.show({ severity: 'info', text }, { timeoutMs: NEWS_MS }),
    );
    new NotebookNoticesController(this, this.notebook, this.notices);
    this.addEventListener('map-zoom-request', (e) => void this.#zoom(e));
    // Saving, undo/redo, import/export, share links and the notebook list plug into the seams above.
    new SessionController(this);
  }

  /** The document on screen (undefined before the first load). */
  get document(): NotebookDocument | undefined {
    return this.#document.value;
  }

  /**
   * The app bar is taller when a long notebook title wraps; the side panel pins just below it at whatever
   * height it has (a fixed offset left a strip of the panel under the bar).
   */
  readonly #barHeight =
    typeof ResizeObserver === 'function'
      ? new ResizeObserver(([entry]) => {
          const height = entry?.borderBoxSize?.[0]?.blockSize ?? entry?.contentRect.height;
          if (height !== undefined) this.style.setProperty('--cb-app-bar-height', `${Math.ceil(height)}px`);
        })
      : undefined;

  override firstUpdated(): void {
    const bar = this.renderRoot.querySelector('header.top');
    if (bar) this.#barHeight?.observe(bar);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#started) return;
    this.#started = true;
    void this.#start();
  }

  async #start(): Promise<void> {
    try {
      const opened = await this.openDocument(await this.initialDocument());
      if (!opened) await this.openDocument(EMPTY_DOCUMENT);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.notices.show({ severity: 'error', text: `Could not open the notebook: ${reason}` });
    }
    await this.updateComplete;
    await this.renderRoot.querySelector('cb-notebook')?.updateComplete;
    document.body.dataset.ready = 'true';
  }

  /** Validates and opens any JSON value; on failure shows every problem and keeps the current notebook. */
  async openDocument(json: unknown): Promise<boolean> {
    try {
      await this.notebook.load(json);
      return true;
    } catch (error) {
      if (error instanceof LoadError) {
        const words = kindWordsFrom(cellKindSchemas);
        const problems = error.problems.map((p) => {
          const plain = describeProblem(p, json, words);
          return p.path ? `${plain.text} (${p.path})` : plain.text;
        });
        const details = problems.length > 0 ? problems : [error.message];
        this.notices.show({
          id: 'load',
          severity: 'error',
          text: 'This notebook cannot be opened:',
          details,
        });
        return false;
      }
      throw error;
    }
  }

  /** One shared dialog enlarges any map; focus goes back to the Enlarge button on close. */
  async #zoom(event: MapZoomRequestEvent): Promise<void> {
    const zoom = this.renderRoot.querySelector<CbMapZoom>('cb-map-zoom');
    if (!zoom) return;
    zoom.heading = event.heading;
    zoom.planes = event.planes;
    await zoom.show();
  }

  #openExamples(): void {
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  async #onExampleOpen(name: string): Promise<void> {
    this.renderRoot.querySelector('dialog')?.close();
    const example = findExample(name);
    if (example && (await this.openAsNew(example.document, `example ${example.name}`)))
      this.notices.show(
        { severity: 'info', text: `Opened the example “${example.title}”.` },
        { timeoutMs: NEWS_MS },
      );
  }

  #toolbarButton(label: string, command: ToolbarCommand) {
    const run = this.commands[command];
    return html`<button ?disabled=${!run} @click=${() => run?.()}>${label}</button>`;
  }

  override render() {
    const document = this.#document.value;
    return html`<header class="top">
        <span class="brand">Convbook</span>
        ${renderTitleField({
          value: document?.title ?? '',
          label: 'Notebook title',
          onCommit: (title) => this.dispatchEvent(new NotebookTitleChangeEvent(title || 'Untitled notebook')),
        })}
        <nav aria-label="Notebook actions">
          ${this.#toolbarButton('Undo', 'undo')} ${this.#toolbarButton('Redo', 'redo')}
          <button @click=${() => void this.openAsNew(EMPTY_DOCUMENT, 'new')}>New notebook</button>
          <button
            aria-pressed=${this.sideOpen ? 'true' : 'false'}
            @click=${() => {
              this.sideOpen = !this.sideOpen;
              this.commands.notebooks?.();
            }}
          >Notebooks</button>
          <button @click=${this.#openExamples}>Examples</button>
          ${this.#toolbarButton('Import', 'import')} ${this.#toolbarButton('Export', 'export')}
          ${this.#toolbarButton('Share link', 'share')}
          <button aria-keyshortcuts="?" @click=${() => this.renderRoot.querySelector<CbShortcutsSheet>('cb-shortcuts-sheet')?.show()}>Shortcuts <kbd>?</kbd></button>
        </nav>
      </header>
      <div class="layout">
        ${this.sideOpen ? html`<aside aria-label="Notebooks">${this.sidePanel ?? html`<p>Saved notebooks appear here.</p>`}</aside>` : nothing}
        <main>
          <div class="column">
            ${
              document
                ? html`<cb-notebook .notebook=${this.notebook} .document=${document} .kinds=${this.#kinds.value ?? new Map()}></cb-notebook>`
                : html`<p class="loading">Loading the notebook…</p>`
            }
          </div>
        </main>
      </div>
      <dialog aria-label="Examples" @example-open=${(e: ExampleOpenEvent) => void this.#onExampleOpen(e.name)}>
        <header>
          <h2>Examples</h2>
          <button class="quiet" aria-label="Close examples" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>✕</button>
        </header>
        <cb-examples .examples=${examples}></cb-examples>
      </dialog>
      <cb-notices .board=${this.notices}></cb-notices>
      <cb-shortcuts-sheet></cb-shortcuts-sheet>
      <cb-map-zoom></cb-map-zoom>`;
  }
}

customElements.define('cb-app', CbApp);

declare global {
  interface HTMLElementTagNameMap {
    'cb-app': CbApp;
  }
}

import {
  type CellProgress,
  type CellSpec,
  type CellState,
  type CellValue,
  describeCellError,
  type KindWordsLookup,
  type PlainProblem,
  type UnitIndex,
} from '@convbook/cells';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { controlStyles } from '../../app-styles/shared-styles';
import { titleFieldStyles } from '../../app-styles/title-field-styles';
import type { KindInfo, ValueType } from '../../catalog/value-types';
import { ObservableController } from '../../controllers/observable-controller';
import { CellTitleChangeEvent } from '../../events/cell-title-change';
import { formatMs } from '../../format/format-number';
import type { PageNotebook } from '../../session/page-notebook';
import type { CellCommand } from '../../worker/protocol';
import type { PixelBox } from '../cb-feature-map/plane-geometry';
import { editsAsMatrix } from '../cb-matrix/cb-matrix';
import { isNearViewport, unwatchNearViewport, watchNearViewport } from '../cb-notebook/near-viewport';
import { flushNestedUpdates, renderSlices } from '../cb-notebook/render-slices';
import { cellStyles } from './cb-cell.styles';
import { renderCellMenu } from './cell-menu';
import { renderProblem } from './error-problem';
import { renderInputPickers } from './input-pickers';
import { kindView, renderCellEditor } from './kind-views';
import { renderCellValue } from './render-cell-value';
import { renderEnlarge, renderExplainer } from './render-explainer';
import { renderTitleField } from './title-field';
import type { LiveWeights } from './training-views';

/** How long a cell reached by "Go to" stays outlined. */
const ARRIVAL_FLASH_MS = 1600;

/** A cell another cell may take as input. */
export interface InputCandidate {
  readonly id: string;
  readonly name: string;
  readonly output: ValueType | undefined;
}

/**
 * One cell: a frame (title, kind badge, status, menu), input pickers, the kind's editor and the computed
 * value. While the cell recomputes, the last value stays on screen, dimmed, under a spinner.
 * Host attributes for tests: data-cell-id, data-cell-kind, data-status.
 *
 * @fires cell-title-change @fires cell-inputs-change @fires cell-move @fires cell-remove @fires cell-duplicate
 */
export class CbCell extends LitElement {
  static override styles = [controlStyles, titleFieldStyles, cellStyles];
  static override properties = {
    cell: { attribute: false },
    notebook: { attribute: false },
    info: { attribute: false },
    candidates: { attribute: false },
    titles: { attribute: false },
    highlight: { attribute: false },
    inputValues: { attribute: false },
    position: { type: Number },
    count: { type: Number },
    live: { attribute: false },
    words: { attribute: false },
    cells: { attribute: false },
    values: { attribute: false },
    explaining: { state: true },
    unit: { state: true },
    readingPicture: { state: true },
    kernelInputChannels: { attribute: false },
    pickingInputs: { state: true },
    lazyBody: { attribute: false },
  };

  declare cell: CellSpec;
  declare notebook: PageNotebook | undefined;
  /** The kind's description (undefined for a kind this build does not know). */
  declare info: KindInfo | undefined;
  /** Every cell in the notebook, for input pickers. */
  declare candidates: readonly InputCandidate[];
  declare titles: ReadonlyMap<string, string>;
  declare highlight: PixelBox | null;
  /** The latest values of the cells wired to this one's inputs, by slot (for arithmetic readouts). */
  declare inputValues: ReadonlyMap<string, CellValue>;
  /** 0-based position in the notebook and the number of cells, for move up/down. */
  declare position: number;
  declare count: number;
  /** A value being made elsewhere, shown instead of this cell's own meanwhile (weights a run is learning). */
  declare live: LiveWeights | undefined;
  /** Kind and field labels, for errors in plain words. */
  declare words: KindWordsLookup;
  /** The document's cells and every value: only given to kinds that read other cells (conv, pool). */
  declare cells: readonly CellSpec[] | undefined;
  declare values: ReadonlyMap<string, CellValue> | undefined;
  /**
   * In a very long notebook: show the body (pickers, editor, value) only while the cell is near the
   * viewport or holds focus. Chrome's autofill rescans every form control of the page after each change,
   * forcing style and layout of each hidden cell: with 500 cells of ~9 controls that scan alone took
   * 55–100 ms of the page's thread, again and again while cells rendered.
   */
  declare lazyBody: boolean;
  /** For a kernel cell: the channels of the conv input it feeds, offered as a one-click shape. */
  declare kernelInputChannels: number | undefined;
  declare private explaining: boolean;
  /** The output unit selected in the explainer; kept while the cell recomputes. */
  declare private unit: UnitIndex;
  /** An uploaded picture is being decoded: the status says so, and the old picture stays until it is ready. */
  declare private readingPicture: boolean;
  /** An input picker has been used: from then on they list every candidate, not just the wired cell. */
  declare private pickingInputs: boolean;

  readonly #state = new ObservableController<CellState>(this);
  /** Shown (dimmed) while the cell recomputes, so an edit never blanks the view. */
  #lastValue: CellValue | undefined;

  constructor() {
    super();
    this.cell = { id: '', kind: '' };
    this.notebook = undefined;
    this.info = undefined;
    this.candidates = [];
    this.titles = new Map();
    this.highlight = null;
    this.inputValues = new Map();
    this.position = 0;
    this.count = 1;
    this.live = undefined;
    this.words = () => undefined;
    this.cells = undefined;
    this.values = undefined;
    this.kernelInputChannels = undefined;
    this.explaining = false;
    this.unit = { channel: 0, y: 0, x: 0 };
    this.readingPicture = false;
    this.pickingInputs = false;
    this.lazyBody = false;
    this.addEventListener('picture-reading', (e) => {
      this.readingPicture = e.reading;
    });
    this.addEventListener('unit-select', (e) => {
      this.unit = e.unit;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Until its first render the cell is computing as far as anyone can tell (its render may wait).
    if (this.dataset.status === undefined) this.dataset.status = 'pending';
    watchNearViewport(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unwatchNearViewport(this);
  }

  /** For the render scheduler: cells on screen update first. */
  get nearViewport(): boolean {
    return isNearViewport(this);
  }

  /** From near-viewport.ts: a lazy body appears as the cell comes near the screen, and goes when far. */
  nearViewportChanged(near: boolean): void {
    if (!near && !this.matches(':focus-within')) this.#awake = false;
    if (this.lazyBody) this.requestUpdate();
  }

  /** Set when focus arrives before the cell is near the screen (Tab, Alt+↓, "Go to"): show it all now. */
  #awake = false;
  /** Whether the last render showed the header only. */
  #renderedFar = false;

  get #bodyShown(): boolean {
    return !this.lazyBody || this.#awake || this.nearViewport || this.matches(':focus-within');
  }

  /** Renders the whole cell at once, inside the current event, so focus can go to its title field. */
  #wake(): void {
    this.#awake = true;
    if (!this.#renderedFar) return;
    this.requestUpdate();
    this.performUpdate();
  }

  /** A far cell's title is a plain button (no field for autofill to scan) until focus reaches it. */
  readonly #onFarTitleFocus = (): void => {
    this.#wake();
    this.renderRoot.querySelector<HTMLElement>('textarea.title')?.focus();
  };

  /** Updates run in budgeted slices (render-slices.ts), so 500 cells changing at once never freeze the page. */
  protected override scheduleUpdate(): undefined | Promise<unknown> {
    if (!renderSlices.enabled) return super.scheduleUpdate() ?? undefined;
    return renderSlices.schedule(this, () => {
      super.scheduleUpdate();
      flushNestedUpdates(this.renderRoot);
    });
  }

  /**
   * Lists every candidate before the select opens: the update runs at once, inside the event, not in a
   * microtask or a later render slice.
   */
  readonly #engagePickers = (): void => {
    if (this.pickingInputs) return;
    this.pickingInputs = true;
    this.performUpdate();
  };

  get #name(): string {
    return this.cell.title || this.cell.id;
  }

  /** "Convolution 'Edges'" (or "Convolution conv1"): how errors and dialogs name this cell. */
  get #label(): string {
    const kind = this.info?.label ?? this.cell.kind;
    return this.cell.title ? `${kind} '${this.cell.title}'` : `${kind} ${this.cell.id}`;
  }

  /** The cell's error in plain words, one sentence per problem (none when it is fine). */
  get #problems(): PlainProblem[] {
    const state = this.#state.value;
    if (state?.status !== 'error' || this.#unwired.length > 0) return [];
    return describeCellError(state.error, this.cell, this.words);
  }

  /**
   * Puts focus in the cell: its title field (the first Tab stop) or its ⋯ menu. The host itself has no
   * tabindex: a negative one would take every control inside out of the Tab order.
   */
  focusPart(part: 'title' | 'menu' = 'title'): void {
    this.#wake();
    const selector = part === 'menu' ? 'details.menu > summary' : 'textarea.title';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('cell') || changed.has('notebook'))
      this.#state.observe(this.notebook?.state$(this.cell.id));
    const state = this.#state.value;
    if (state?.status === 'ok') this.#lastValue = state.value;
    this.dataset.cellId = this.cell.id;
    this.dataset.cellKind = this.cell.kind;
    this.dataset.status = this.readingPicture ? 'pending' : (state?.status ?? 'pending');
    // An unwired cell "errors" in the runtime, but to a student it is waiting, not broken.
    this.toggleAttribute('data-waiting', state?.status === 'error' && this.#unwired.length > 0);
  }

  #renderStatus(state: CellState | undefined) {
    if (this.readingPicture)
      return html`<span class="status" aria-label="reading the picture"><span class="spinner"></span>reading picture</span>`;
    if (!state || state.status === 'pending') {
      const progress = state?.status === 'pending' ? state.progress : undefined;
      return html`<span class="status" aria-label="computing"><span class="spinner"></span>${progress ? `${progress.done}/${progress.total}` : 'computing'}</span>`;
    }
    if (state.status === 'idle') return html`<span class="status idle">not run yet</span>`;
    if (state.status === 'error')
      return this.#unwired.length > 0
        ? html`<span class="status idle">needs input</span>`
        : html`<span class="status failed">error</span>`;
    if (state.stale)
      return html`<span class="status idle" title="inputs changed since this run">out of date</span>`;
    return html`<span class="status ok" title="compute time">${formatMs(state.ms)}</span>`;
  }

  /** Required input slots nobody has wired yet: the cell is waiting for the student, not broken. */
  get #unwired(): string[] {
    const wired = this.cell.inputs ?? {};
    return Object.entries(this.info?.inputs ?? {})
      .filter(([slot, info]) => !info.optional && wired[slot] === undefined)
      .map(([slot, info]) => info.label ?? slot);
  }

  #renderValue(state: CellState | undefined) {
    if (state?.status === 'error') {
      const unwired = this.#unwired;
      if (unwired.length > 0)
        return html`<p class="empty">No ${unwired.join(' or ')} wired yet — choose one above.</p>`;
      const upstream = state.error.upstream;
      const last = this.#lastValue;
      const problems = this.#problems;
      const paths = problems.map((p) => p.path).filter((path) => path !== '');
      return html`<div class="error" role="alert">
          ${problems.map((p) => renderProblem(p, this.cell.id))}
          ${upstream ? html`<button class="quiet" @click=${() => this.#focusCell(upstream)}>Go to ${this.titles.get(upstream) ?? upstream}</button>` : nothing}
          ${paths.length > 0 ? html`<details><summary>Details</summary><code>${paths.join(', ')}</code> · <span>${state.error.message}</span></details>` : nothing}
        </div>
        ${
          last
            ? html`<section class="last-good" aria-label="Last good result, out of date">
              <p class="last-good-label"><span class="stale-tag">Out of date</span> Last good result, from before the error, kept for comparison</p>
              ${this.#renderShown(last, state, undefined, true)}
            </section>`
            : nothing
        }`;
    }
    if (state?.status === 'idle') return html`<p class="empty">Not run yet — press Run to compute it.</p>`;
    if (this.live) {
      return html`<p class="notice" role="status">${this.live.note}</p>${this.#renderShown(this.live.value, state, undefined, false)}`;
    }
    const progress = state?.status === 'pending' ? state.progress : undefined;
    const value = state?.status === 'ok' ? state.value : (progress?.partial ?? this.#lastValue);
    if (!value) return html`<p class="waiting"><span class="spinner"></span> Computing…</p>`;
    return this.#renderShown(value, state, progress, state?.status !== 'ok' || state.stale === true);
  }

  /** Run / Stop / Reset for a kind that computes only when asked (training). */
  #renderCommands(state: CellState | undefined) {
    if (this.info?.runsOn !== 'demand' || kindView(this.cell.kind).ownsState) return nothing;
    const running = state?.status === 'pending';
    const command = (name: CellCommand) => () => this.notebook?.command(name, this.cell.id);
    return html`<div class="commands" role="group" aria-label=${`${this.#name} run controls`}>
      ${running ? html`<button @click=${command('stop')}>Stop</button>` : html`<button @click=${command('run')}>${state?.status === 'ok' ? 'Resume' : 'Run'}</button>`}
      <button ?disabled=${state?.status === 'idle'} @click=${command('reset')}>Reset</button>
    </div>`;
  }

  #renderShown(
    value: CellValue,
    state: CellState | undefined,
    progress: CellProgress | undefined,
    stale: boolean,
  ) {
    const note = value.type === 'tensor' ? value.note : undefined;
    return html`${note && state?.status !== 'error' ? html`<p class="notice ${kindView(this.cell.kind).noteTone?.(value) ?? 'warning'}" role="status">${note}</p>` : nothing}
      <div class="value ${stale ? 'stale' : ''} ${state?.status === 'error' ? 'failed' : ''}"
        aria-busy=${state?.status === 'pending' ? 'true' : 'false'}>
        ${renderCellValue(value, {
          cellId: this.cell.id,
          cellKind: this.cell.kind,
          version: state?.version ?? null,
          name: this.#name,
          highlight: this.highlight,
          progress,
          titles: this.titles,
          editableValues: this.#editableValues,
        })}
      </div>
      ${this.#renderExplain(value)}`;
  }

  /** The step-through explainer for conv and pool, and Enlarge for every map. */
  #renderExplain(value: CellValue) {
    if (value.type !== 'tensor') return nothing;
    const base = {
      cell: this.cell,
      label: this.#label,
      value,
      inputValues: this.inputValues,
      unit: this.unit,
    };
    if (!kindView(this.cell.kind).explainable) return html`<div class="explain">${renderEnlarge(base)}</div>`;
    return renderExplainer({
      ...base,
      cells: this.cells ?? [],
      values: this.values ?? new Map(),
      open: this.explaining,
      toggle: () => {
        this.explaining = !this.explaining;
      },
    });
  }

  /** An image's typed-in pixels, edited beside its map when nothing transforms them first. */
  get #editableValues(): unknown {
    const params = this.cell.params ?? {};
    const transformed = Array.isArray(params.transforms) && params.transforms.length > 0;
    if (this.cell.kind !== 'image' || transformed) return undefined;
    return editsAsMatrix(params.values) ? params.values : undefined;
  }

  /** Fields the cell's error is about, so their controls show the error state. */
  #invalidFields(): Readonly<Record<string, string>> | undefined {
    const problems = this.#problems.filter((p) => p.param !== undefined);
    if (problems.length === 0) return undefined;
    return Object.fromEntries(problems.map((p) => [p.param as string, p.message]));
  }

  #focusCell(id: string): void {
    const root = this.getRootNode() as ShadowRoot | Document;
    const target = root.querySelector<HTMLElement>(`cb-cell[data-cell-id="${CSS.escape(id)}"]`);
    if (!target) return;
    target.scrollIntoView({ behavior: 'smooth', block: 'center' });
    if (target instanceof CbCell) target.focusPart('title');
    // Outline the cell for a moment so the eye finds where the page jumped to.
    target.toggleAttribute('data-arrived', true);
    setTimeout(() => target.removeAttribute('data-arrived'), ARRIVAL_FLASH_MS);
  }

  override render() {
    const state = this.#state.value;
    const value = state?.status === 'ok' ? state.value : this.#lastValue;
    const shown = this.#bodyShown;
    this.#renderedFar = !shown;
    return html`<header>
        ${shown ? this.#renderTitle() : html`<button class="title far" @focus=${this.#onFarTitleFocus}>${this.#name}</button>`}
        <span class="meta">
          <span class="badge" title=${this.info?.description ?? ''}>${this.info?.label ?? this.cell.kind}</span>
          ${this.#renderStatus(state)} ${renderCellMenu(this, this.cell.id, this.#name, this.position, this.count)}
        </span>
      </header>
      ${shown ? this.#renderBody(state, value) : nothing}`;
  }

  #renderTitle() {
    return renderTitleField({
      value: this.cell.title ?? '',
      label: 'Cell title',
      placeholder: this.cell.id,
      onCommit: (title) =>
        this.dispatchEvent(new CellTitleChangeEvent(this.cell.id, title === '' ? undefined : title)),
    });
  }

  #renderBody(state: CellState | undefined, value: CellValue | undefined) {
    return html`<div class="body">
        ${renderInputPickers(this, {
          cell: this.cell,
          info: this.info,
          candidates: this.candidates,
          name: this.#name,
          listAll: this.pickingInputs,
          onEngage: this.#engagePickers,
        })} ${this.#renderCommands(state)}
        ${renderCellEditor({
          cell: this.cell,
          value,
          inputValues: this.inputValues,
          info: this.info,
          candidates: this.candidates,
          name: this.#label,
          invalid: this.#invalidFields(),
          ...(this.cells ? { cells: this.cells } : {}),
          ...(this.kernelInputChannels === undefined ? {} : { inputChannels: this.kernelInputChannels }),
          state,
        })}
        ${kindView(this.cell.kind).noValueView || kindView(this.cell.kind).ownsState ? nothing : this.#renderValue(state)}
      </div>`;
  }
}

customElements.define('cb-cell', CbCell);

declare global {
  interface HTMLElementTagNameMap {
    'cb-cell': CbCell;
  }
}

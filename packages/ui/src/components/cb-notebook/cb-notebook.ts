import type { CellValue, KindWordsLookup, NotebookDocument } from '@convbook/cells';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { kindWordsFromInfo } from '../../catalog/kind-words';
import { receptiveHighlights } from '../../catalog/receptive-chain';
import type { KindInfo } from '../../catalog/value-types';
import { ObservableController } from '../../controllers/observable-controller';
import type { FeatureMapHoverEvent } from '../../events/feature-map-hover';
import type { UnitSelectEvent } from '../../events/unit-select';
import type { PageNotebook } from '../../session/page-notebook';
import '../cb-add-cell/cb-add-cell';
import '../cb-cell/cb-cell';
import type { CbCell, InputCandidate } from '../cb-cell/cb-cell';
import { kindView } from '../cb-cell/kind-views';
import { LiveTrainedWeights } from '../cb-cell/training-views';
import type { PixelBox } from '../cb-feature-map/plane-geometry';
import { allStates$, type NotebookStates } from './all-states';
import { notebookStyles } from './cb-notebook.styles';
import { cellStepFromKey } from './cell-keys';
import { nextTask, QUEUED_ATTRIBUTE, renderSlices } from './render-slices';
import { ShownPrefix } from './shown-prefix';

/**
 * From this many cells on, a cell shows its body only near the viewport (cb-cell `lazyBody`). The longest
 * example, the lecture, has 92 cells and shows every body.
 */
export const LAZY_BODIES_FROM = 150;

/** From this many cells on, cells render in budgeted slices (render-slices.ts); below it, all at once. */
export const SLICED_FROM = 100;

/**
 * The column of cells in reading order, with the "add cell" menu at the end. It also turns a hover on one
 * map into receptive-field outlines on the maps upstream of it.
 */
export class CbNotebook extends LitElement {
  static override styles = notebookStyles;
  static override properties = {
    notebook: { attribute: false },
    document: { attribute: false },
    kinds: { attribute: false },
    highlights: { state: true },
  };

  declare notebook: PageNotebook | undefined;
  declare document: NotebookDocument | undefined;
  declare kinds: ReadonlyMap<string, KindInfo>;
  declare private highlights: ReadonlyMap<string, PixelBox>;

  readonly #states = new ObservableController<NotebookStates>(this);
  #idsKey = '';
  /** Derived from the document and kinds only; rebuilt when those change, so cells see stable objects. */
  #candidates: InputCandidate[] = [];
  #titles: ReadonlyMap<string, string> = new Map();
  /** Per-cell input value maps, reused while unchanged so cells do not re-render for nothing. */
  #inputValues = new Map<string, ReadonlyMap<string, CellValue>>();
  /** What running train cells have learned so far, shown in their weights cells. */
  readonly #live = new LiveTrainedWeights();
  /** Kind and field labels for plain-word errors, rebuilt when the kinds change. */
  #words: KindWordsLookup = () => undefined;
  /** How many cells are rendered: a notebook of hundreds appears a chunk per task. */
  readonly #prefix = new ShownPrefix();
  #growthScheduled = false;

  constructor() {
    super();
    this.notebook = undefined;
    this.document = undefined;
    this.kinds = new Map();
    this.highlights = new Map();
    this.addEventListener('feature-map-hover', (e) => this.#onHover(e));
    this.addEventListener('unit-select', (e) => this.#onUnitSelect(e));
    this.addEventListener('keydown', (e) => this.#onKey(e));
  }

  /** Always first in the render queue (see render-slices.ts): it decides which cells exist at all. */
  readonly nearViewport = true;

  /** Its render counts against the task's slice budget, so the cells it adds wait if it used the budget. */
  protected override scheduleUpdate(): undefined | Promise<unknown> {
    return renderSlices.schedule(this, () => super.scheduleUpdate());
  }

  /** Alt+↓ / Alt+↑ (from anywhere in a cell): focus the next or previous cell's title. */
  #onKey(event: KeyboardEvent): void {
    const step = cellStepFromKey(event);
    if (step === 0) return;
    const cells = [...this.renderRoot.querySelectorAll<CbCell>('cb-cell')];
    const from = cells.findIndex((cell) => event.composedPath().includes(cell));
    const target = cells[from === -1 ? (step > 0 ? 0 : cells.length - 1) : from + step];
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: 'nearest' });
    target.focusPart('title');
  }

  /** A unit picked in an explainer outlines its receptive field upstream, like a hover does. */
  #onUnitSelect(event: UnitSelectEvent): void {
    const cells = this.document?.cells ?? [];
    const values = this.#states.value?.values ?? new Map();
    this.highlights = receptiveHighlights(cells, values, event.cellId, event.unit.y, event.unit.x);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('kinds')) this.#words = kindWordsFromInfo(this.kinds);
    if (changed.has('document') || changed.has('kinds')) {
      const cells = this.document?.cells ?? [];
      renderSlices.enabled = cells.length >= SLICED_FROM;
      // A weight edit changes neither: keeping the old objects spares every cell a re-render.
      const titles = new Map(cells.map((cell) => [cell.id, cell.title || cell.id]));
      if (!sameEntries(titles, this.#titles)) this.#titles = titles;
      const candidates = cells.map((cell) => ({
        id: cell.id,
        name: cell.title ? `${cell.title} (${cell.id})` : cell.id,
        output: this.kinds.get(cell.kind)?.output,
      }));
      if (!sameCandidates(candidates, this.#candidates)) this.#candidates = candidates;
    }
    const ids = this.document?.cells.map((cell) => cell.id) ?? [];
    const key = ids.join('\n');
    const notebook = this.notebook;
    if (key !== this.#idsKey) this.#prefix.update(ids);
    if (notebook && (key !== this.#idsKey || changed.has('notebook'))) {
      this.#states.observe(allStates$(ids, (id) => notebook.state$(id)));
    }
    this.#idsKey = key;
    this.#scheduleGrowth();
  }

  /** While cells are still being added, one more chunk in a later task (input and paint come between). */
  #scheduleGrowth(): void {
    this.toggleAttribute(QUEUED_ATTRIBUTE, this.#prefix.growing);
    if (!this.#prefix.growing || this.#growthScheduled) return;
    this.#growthScheduled = true;
    nextTask(() => {
      this.#growthScheduled = false;
      this.#prefix.grow(this.document?.cells.length ?? 0);
      this.requestUpdate();
    });
  }

  #onHover(event: FeatureMapHoverEvent): void {
    const cells = this.document?.cells ?? [];
    const values = this.#states.value?.values ?? new Map();
    this.highlights = event.pixel
      ? receptiveHighlights(cells, values, event.cellId, event.pixel.y, event.pixel.x)
      : new Map();
  }

  #inputValuesFor(
    id: string,
    inputs: Readonly<Record<string, string>> | undefined,
    values: ReadonlyMap<string, CellValue>,
  ) {
    const next = new Map<string, CellValue>();
    for (const [slot, source] of Object.entries(inputs ?? {})) {
      const value = values.get(source);
      if (value) next.set(slot, value);
    }
    const previous = this.#inputValues.get(id);
    if (previous && previous.size === next.size && [...next].every(([slot, v]) => previous.get(slot) === v)) {
      return previous;
    }
    this.#inputValues.set(id, next);
    return next;
  }

  override render() {
    const all = this.document?.cells ?? [];
    const cells = this.#prefix.shown(all);
    const values = this.#states.value?.values ?? new Map<string, CellValue>();
    const titles = this.#titles;
    const candidates = this.#candidates;
    const live = this.#live.update(this.#states.value?.states ?? new Map(), titles);
    const lazy = all.length >= LAZY_BODIES_FROM;
    if (all.length === 0) {
      return html`<p class="empty">This notebook is empty. Add a cell to start — an image first, then a kernel and a conv.</p>
        <cb-add-cell .kinds=${this.kinds}></cb-add-cell>`;
    }
    return html`<ol>
        ${repeat(
          cells,
          (cell) => cell.id,
          (cell, index) => html`<li>
            <cb-cell
              .cell=${cell}
              .notebook=${this.notebook}
              .info=${this.kinds.get(cell.kind)}
              .candidates=${candidates}
              .titles=${titles}
              .highlight=${this.highlights.get(cell.id) ?? null}
              .inputValues=${this.#inputValuesFor(cell.id, cell.inputs, values)}
              .position=${index}
              .count=${all.length}
              .live=${live.get(cell.id)}
              .words=${this.#words}
              .kernelInputChannels=${cell.kind === 'kernel' ? channelsFedBy(cell.id, all, values) : undefined}
              .cells=${readsOthers(cell.kind) ? all : undefined}
              .values=${readsOthers(cell.kind) ? values : undefined}
              .lazyBody=${lazy}
            ></cb-cell>
            ${index < all.length - 1 ? html`<cb-add-cell compact .kinds=${this.kinds} after-id=${cell.id}></cb-add-cell>` : nothing}
          </li>`,
        )}
      </ol>
      ${this.#prefix.growing ? nothing : html`<cb-add-cell .kinds=${this.kinds} after-id=${all.at(-1)?.id ?? ''}></cb-add-cell>`}`;
  }
}

/** The channels of the input of the first conv reading kernel `id` (what its shape fields offer to match). */
function channelsFedBy(
  id: string,
  cells: readonly { readonly kind: string; readonly inputs?: Readonly<Record<string, string>> }[],
  values: ReadonlyMap<string, CellValue>,
): number | undefined {
  const conv = cells.find((c) => c.kind === 'conv' && c.inputs?.kernel === id);
  const input = conv?.inputs?.input === undefined ? undefined : values.get(conv.inputs.input);
  return input?.type === 'tensor' && input.tensor.rank === 3 ? input.tensor.shape[0] : undefined;
}

/** Only the kinds whose views read other cells get the whole document (others skip its re-renders). */
function readsOthers(kind: string): boolean {
  const view = kindView(kind);
  return view.explainable === true || view.notice !== undefined;
}

function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}

/** Output types come from the kind catalog, one object per kind, so identity compares them. */
function sameCandidates(a: readonly InputCandidate[], b: readonly InputCandidate[]): boolean {
  return (
    a.length === b.length &&
    a.every((c, i) => c.id === b[i]?.id && c.name === b[i]?.name && c.output === b[i]?.output)
  );
}

customElements.define('cb-notebook', CbNotebook);

declare global {
  interface HTMLElementTagNameMap {
    'cb-notebook': CbNotebook;
  }
}

import type { CellValue } from '@convbook/cells';
import { Tensor } from '@convbook/core';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { controlStyles } from '../../app-styles/shared-styles';
import { CellParamsChangeEvent } from '../../events/cell-params-change';
import '../cb-feature-map/cb-feature-map';
import { capitalise } from '../../format/capitalise';
import { kernelEditorStyles } from './cb-kernel-editor.styles';
import {
  gridFromTensor,
  gridFromValues,
  hiddenDigits,
  type KernelGrid,
  roundWeight,
  WEIGHT_DECIMALS,
  weightLabel,
  withBias,
  withWeight,
} from './kernel-grid';
import {
  type KernelPage,
  kernelPage,
  kernelsOnPage,
  MAX_INPUTS_PER_PAGE,
  pageOfKernel,
  planeName,
} from './kernel-page';
import { kernelRefusal } from './kernel-refusal';
import { kernelSourceOf, renderKernelSource, type SourcePatch, valuesPatch } from './kernel-source';
import { describeNumberProblem, readTypedNumber } from './typed-number';
import { WeightScrub } from './weight-scrub';

/** Banks up to this many weights are checked whole on every typed edit (see #refusesGrid). */
const FULL_CHECK_WEIGHTS = 4096;

/** The id of the refusal message, for aria-describedby on the field it is about (one per editor's shadow root). */
const REFUSAL_ID = 'kernel-refusal';

/**
 * Edits a kernel cell: one number input per weight (per kernel and channel for banks; a big bank a page of
 * at most 256 inputs at a time, see kernel-page.ts), bias inputs, a preset
 * menu, a gaussian (size + sigma) and a seeded random source, and the kernel drawn as a heat map. Drag a
 * weight sideways to scrub it; ArrowUp/Down nudge by 0.1 (Shift: 1). Edits show at once (a local draft)
 * while the worker recomputes.
 *
 * @fires cell-params-change - new `values`/`bias` or a new source.
 */
export class CbKernelEditor extends LitElement {
  static override styles = [controlStyles, kernelEditorStyles];
  static override properties = {
    cellId: { type: String, attribute: 'cell-id' },
    params: { attribute: false },
    value: { attribute: false },
    draft: { state: true },
    scrubIndex: { state: true },
    page: { state: true },
    refusal: { state: true },
    rounding: { state: true },
    filter: { type: Number },
  };

  declare cellId: string;
  /** The kernel cell's params as in the document. */
  declare params: Readonly<Record<string, unknown>>;
  /** The last computed kernel value, if any. */
  declare value: CellValue | undefined;
  declare private draft: KernelGrid | undefined;
  declare private scrubIndex: number | undefined;
  /** Which page of planes the inputs and the heat map show (clamped to the bank's pages). */
  declare private page: number;
  /** Why the last edit was not used (not a number, beyond float32, …), shown until an edit goes through. */
  declare private refusal: string;
  /** Says the last typed number was stored rounded (to WEIGHT_DECIMALS), until the next edit. */
  declare private rounding: string;
  /** The filter picked in the shape fields (0-based): the editor turns to the page that shows it. */
  declare filter: number;

  #scrub: WeightScrub | undefined;
  #frame = 0;
  #queuedGrid: KernelGrid | undefined;
  #heat: Tensor | undefined;
  /** Grids read from the document or from a value, kept while their source is the same object. */
  #gridCache: { source: unknown; grid: KernelGrid | undefined } | undefined;

  constructor() {
    super();
    this.cellId = '';
    this.params = {};
    this.value = undefined;
    this.draft = undefined;
    this.scrubIndex = undefined;
    this.page = 0;
    this.refusal = '';
    this.rounding = '';
    this.filter = 0;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // A new document snapshot includes every edit we sent, so the draft has done its job.
    if (changed.has('params') && this.#scrub === undefined) this.draft = undefined;
    const grid = this.#grid;
    if (changed.has('filter') && grid) this.page = pageOfKernel(grid.shape, this.filter);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.#frame);
  }

  get #grid(): KernelGrid | undefined {
    if (this.draft) return this.draft;
    if (kernelSourceOf(this.params) === 'values') {
      const literal = this.#cachedGrid(this.params, () =>
        gridFromValues(this.params.values, this.params.bias),
      );
      if (literal) return literal;
    }
    const value = this.value;
    if (value?.type === 'kernel')
      return this.#cachedGrid(value, () =>
        gridFromTensor(value.weights.shape, value.weights.data, value.bias),
      );
    return undefined;
  }

  /** A million-weight bank costs milliseconds to read: once per new params or value, not per render. */
  #cachedGrid(source: unknown, read: () => KernelGrid | undefined): KernelGrid | undefined {
    const cached = this.#gridCache;
    if (cached !== undefined && cached.source === source) return cached.grid;
    const grid = read();
    this.#gridCache = { source, grid };
    return grid;
  }

  /**
   * The heat map's tensor (the page's planes), rebuilt only when those weights change: a new tensor means a
   * repaint (and a `cb-painted` announcement), which a re-render for any other reason should not cause.
   */
  #heatFor(grid: KernelGrid, page: KernelPage): Tensor {
    const [, , kh, kw] = grid.shape;
    const shape = [page.count, kh, kw];
    const from = page.start * kh * kw;
    const weights = grid.weights.slice(from, from + page.count * kh * kw);
    const previous = this.#heat;
    if (
      previous?.shape.every((n, i) => n === shape[i]) &&
      weights.every((w, i) => Math.fround(w) === previous.data[i])
    )
      return previous;
    this.#heat = new Tensor(shape, Float32Array.from(weights));
    return this.#heat;
  }

  #emit(patch: Record<string, unknown>): void {
    if (this.#refuses(patch)) return;
    this.dispatchEvent(new CellParamsChangeEvent(this.cellId, patch));
  }

  /**
   * The whole bank is checked as the loader would check it. In a bank of more than FULL_CHECK_WEIGHTS, a
   * typed number has passed readTypedNumber, which applies the loader's one rule for a single weight
   * (finite, within float32), and the rest passed before: an edit costs no million-number scan.
   */
  #refusesGrid(grid: KernelGrid, typed: boolean): boolean {
    if (typed && grid.weights.length > FULL_CHECK_WEIGHTS) {
      this.refusal = ''; // an earlier refused entry is answered by this good one
      return false;
    }
    return this.#refuses(valuesPatch(grid));
  }

  /** Checks an edit as the loader would (see kernel-refusal.ts); a refused one is shown, not sent. */
  #refuses(patch: Record<string, unknown>): boolean {
    this.rounding = '';
    this.refusal = kernelRefusal(this.params, patch, this.#grid?.shape ?? [1, 1, 1, 1]) ?? '';
    return this.refusal !== '';
  }

  /**
   * Shows the edit now; sends at most one edit per animation frame while scrubbing. False when the edit
   * was refused (and the refusal shown).
   */
  #commitGrid(grid: KernelGrid, immediate: boolean, typed = false): boolean {
    // Checked before it shows: a refused weight stays as typed in its field, the grid keeps the last good one.
    if (immediate && this.#refusesGrid(grid, typed)) return false;
    this.draft = grid;
    this.#queuedGrid = grid;
    const send = (): void => {
      this.#frame = 0;
      const queued = this.#queuedGrid;
      this.#queuedGrid = undefined;
      // Checked above (typed) or always in range (a scrub moves by hundredths): sent as it is.
      const patch = queued && valuesPatch(queued);
      if (patch) this.dispatchEvent(new CellParamsChangeEvent(this.cellId, patch));
    };
    if (immediate) {
      cancelAnimationFrame(this.#frame);
      send();
    } else if (this.#frame === 0) {
      this.#frame = requestAnimationFrame(send);
    }
    return true;
  }

  #onWeightInput(event: Event, index: number): void {
    const grid = this.#grid;
    const input = event.target as HTMLInputElement;
    if (!grid) return;
    const value = this.#readTyped(input, grid.weights[index] ?? 0);
    if (value !== undefined && this.#commitGrid(withWeight(grid, index, value), true, true))
      this.#noteRounding(input, value);
  }

  /**
   * The number typed into a weight or bias field, or undefined after saying what is wrong with the text.
   * Text that is not a number stays in its field to be corrected, as a refused number does; a cleared field
   * is never left blank while another value counts: it shows that value again.
   */
  #readTyped(input: HTMLInputElement, inUse: number): number | undefined {
    const field = input.getAttribute('aria-label') ?? 'this field';
    const text = input.value;
    const typed = readTypedNumber(text);
    this.rounding = '';
    if (typed.ok) return typed.value;
    const shown = String(roundWeight(inUse));
    if (typed.problem === 'empty') input.value = shown;
    this.refusal = describeNumberProblem(field, text, typed.problem, shown);
    this.#markInvalid(input);
    return undefined;
  }

  /** The field whose text was refused: marked invalid and tied to the message until the refusal clears. */
  #invalidField: HTMLInputElement | undefined;

  #markInvalid(input: HTMLInputElement): void {
    this.#clearInvalid();
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', REFUSAL_ID);
    this.#invalidField = input;
  }

  #clearInvalid(): void {
    this.#invalidField?.removeAttribute('aria-invalid');
    this.#invalidField?.removeAttribute('aria-describedby');
    this.#invalidField = undefined;
  }

  override updated(): void {
    if (this.refusal === '') this.#clearInvalid();
  }

  /** After a typed number went through: say so if it was stored rounded, since the field shows less. */
  #noteRounding(input: HTMLInputElement, typed: number): void {
    const stored = roundWeight(typed);
    if (stored === typed) return;
    const field = input.getAttribute('aria-label') ?? 'this field';
    const name = capitalise(field);
    this.rounding = `${name} is stored rounded to ${WEIGHT_DECIMALS} decimals: ${stored} (typed ${input.value.trim()}).`;
  }

  #onWeightKey(event: KeyboardEvent, index: number): void {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    const grid = this.#grid;
    if (!grid) return;
    const step = (event.shiftKey ? 1 : 0.1) * (event.key === 'ArrowUp' ? 1 : -1);
    this.#commitGrid(withWeight(grid, index, (grid.weights[index] ?? 0) + step), true);
  }

  #onPointerDown(event: PointerEvent, index: number): void {
    const grid = this.#grid;
    if (!grid || event.button !== 0) return;
    this.#scrub = new WeightScrub(index, event.clientX, grid.weights[index] ?? 0);
  }

  #onPointerMove(event: PointerEvent): void {
    const scrub = this.#scrub;
    const grid = this.#grid;
    if (!scrub || !grid) return;
    const wasScrubbing = scrub.moved;
    const value = scrub.valueAt(event.clientX, event.shiftKey);
    if (value === undefined) return;
    if (!wasScrubbing) {
      this.scrubIndex = scrub.index;
      (event.target as HTMLElement).setPointerCapture(event.pointerId);
    }
    event.preventDefault();
    this.#commitGrid(withWeight(grid, scrub.index, value), false);
  }

  #onPointerUp(event: PointerEvent): void {
    const scrub = this.#scrub;
    this.#scrub = undefined;
    this.scrubIndex = undefined;
    if (scrub?.moved) {
      (event.target as HTMLElement).releasePointerCapture?.(event.pointerId);
      (event.target as HTMLElement).blur();
    }
  }

  #onBiasInput(event: Event, kernel: number): void {
    const grid = this.#grid;
    const input = event.target as HTMLInputElement;
    if (!grid) return;
    const value = this.#readTyped(input, grid.bias[kernel] ?? 0);
    if (value !== undefined && this.#commitGrid(withBias(grid, kernel, value), true, true))
      this.#noteRounding(input, value);
  }

  /** A new source (or the same one with new settings): the draft of typed weights has had its day. */
  #sendSource(patch: SourcePatch | undefined): void {
    if (patch === undefined) return;
    this.draft = undefined;
    this.#emit(patch);
  }

  #renderSource() {
    return renderKernelSource(
      this.params,
      this.#grid,
      (patch) => this.#sendSource(patch),
      (refusal) => {
        this.rounding = '';
        this.refusal = refusal;
      },
    );
  }

  /** Previous / next and a kernel number, for banks bigger than one page; the status line is announced. */
  #renderPager(grid: KernelGrid, page: KernelPage) {
    if (page.pages <= 1) return nothing;
    const [o, c] = grid.shape;
    const last = page.start + page.count - 1;
    const shown =
      c === 1
        ? `kernels ${page.start + 1}–${last + 1}`
        : `${planeName(page.start, c)} to ${planeName(last, c)}`;
    const go = (next: number): void => {
      this.page = kernelPage(grid.shape, next).page;
    };
    return html`<div class="pager" role="group" aria-label="Pages of the kernel bank">
      <button ?disabled=${page.page === 0} @click=${() => go(page.page - 1)}>Previous</button>
      <span role="status">Page ${page.page + 1} of ${page.pages}: ${shown} (of ${o} kernels × ${c} channels)</span>
      <button ?disabled=${page.page === page.pages - 1} @click=${() => go(page.page + 1)}>Next</button>
      <label for="go-kernel">Kernel</label>
      <input id="go-kernel" type="number" min="1" max=${o} step="1" class="seed"
        .value=${String(kernelsOnPage(page, c).first + 1)}
        @change=${(e: Event) => {
          const kernel = (e.target as HTMLInputElement).valueAsNumber;
          if (Number.isInteger(kernel) && kernel >= 1 && kernel <= o)
            go(pageOfKernel(grid.shape, kernel - 1));
        }} />
    </div>`;
  }

  #renderPlane(grid: KernelGrid, k: number, ch: number) {
    const [o, c, kh, kw] = grid.shape;
    const inputs = [];
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const index = ((k * c + ch) * kh + i) * kw + j;
        const weight = grid.weights[index] ?? 0;
        inputs.push(html`<input
          type="text"
          spellcheck="false"
          autocomplete="off"
          class=${this.scrubIndex === index ? 'scrubbing' : ''}
          aria-label=${weightLabel(grid.shape, k, ch, i, j)}
          title=${this.#storedTitle(grid, weight)}
          .value=${String(roundWeight(weight))}
          @change=${(e: Event) => this.#onWeightInput(e, index)}
          @keydown=${(e: KeyboardEvent) => this.#onWeightKey(e, index)}
          @pointerdown=${(e: PointerEvent) => this.#onPointerDown(e, index)}
          @pointermove=${this.#onPointerMove}
          @pointerup=${this.#onPointerUp}
          @pointercancel=${this.#onPointerUp}
        />`);
      }
    }
    return html`<div>
      ${o > 1 || c > 1 ? html`<div class="plane-caption">kernel ${k + 1}, channel ${ch + 1}</div>` : nothing}
      <div class="grid" style=${styleMap({ gridTemplateColumns: `repeat(${kw}, auto)` })}>${inputs}</div>
    </div>`;
  }

  /** A field's tooltip: the stored value, when the field shows it rounded (nothing otherwise). */
  #storedTitle(grid: KernelGrid, value: number) {
    const full = hiddenDigits(value, grid.weights instanceof Float32Array);
    return full === undefined ? nothing : `Stored value: ${full} (shown to ${WEIGHT_DECIMALS} decimals)`;
  }

  /** The bias of each kernel with a plane on the page (all of them for a bank that fits one page). */
  #renderBias(grid: KernelGrid, page: KernelPage) {
    const single = grid.shape[0] === 1;
    const { first, last } = kernelsOnPage(page, grid.shape[1]);
    const kernels = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    return html`<div class="bias field inline">
      ${kernels.map((k) => {
        const b = grid.bias[k] ?? 0;
        return html`<label for="bias-${k}">${single ? 'Bias' : `Bias ${k + 1}`}</label>
          <input id="bias-${k}" type="text" spellcheck="false" autocomplete="off"
            aria-label=${single ? 'bias' : `bias ${k + 1}`} title=${this.#storedTitle(grid, b)}
            .value=${String(roundWeight(b))} @change=${(e: Event) => this.#onBiasInput(e, k)} />`;
      })}
    </div>`;
  }

  /** Why the last edit was not used, or that it was stored rounded. */
  #renderMessages() {
    return html`${this.refusal ? html`<p class="refusal" id=${REFUSAL_ID} role="alert">${this.refusal}</p>` : nothing}
      ${this.rounding ? html`<p class="rounding" role="status">${this.rounding}</p>` : nothing}`;
  }

  /** A bank of several filters that each fit a page is edited one filter (all its channels) at a time. */
  #filterPage(grid: KernelGrid): KernelPage | undefined {
    const [o, c, kh, kw] = grid.shape;
    if (o < 2 || c * kh * kw > MAX_INPUTS_PER_PAGE) return undefined;
    const filter = Math.min(o - 1, Math.max(0, this.filter));
    return { start: filter * c, count: c, page: 0, pages: 1, planes: o * c };
  }

  override render() {
    const grid = this.#grid;
    if (!grid)
      return html`${this.#renderSource()}${this.#renderMessages()}<p class="hint">No weights to show yet.</p>`;
    const [o, c, kh, kw] = grid.shape;
    const page = this.#filterPage(grid) ?? kernelPage(grid.shape, this.page);
    const planes = [];
    for (let p = page.start; p < page.start + page.count; p++)
      planes.push(this.#renderPlane(grid, Math.floor(p / c), p % c));
    const heat = this.#heatFor(grid, page);
    const parameters = o * c * kh * kw + o;
    return html`${this.#renderSource()}
      ${this.#renderPager(grid, page)}
      <div class="layout">
        <div>
          <div class="banks">${planes}</div>
          ${this.#renderBias(grid, page)}
          ${this.#renderMessages()}
          <p class="hint">
            ${o * c * kh * kw} weights + ${o} bias = ${parameters} parameters. Drag a weight sideways to scrub it;
            ↑/↓ nudge by 0.1 (Shift: 1).
          </p>
        </div>
        <cb-feature-map .tensor=${heat} label="kernel weights" scale="diverging" cell-id=${this.cellId}
          bank-channels=${o > 1 ? c : 0} plane-offset=${page.start}
          @feature-map-hover=${(e: Event) => e.stopPropagation()}></cb-feature-map>
      </div>`;
  }
}

customElements.define('cb-kernel-editor', CbKernelEditor);

declare global {
  interface HTMLElementTagNameMap {
    'cb-kernel-editor': CbKernelEditor;
  }
}

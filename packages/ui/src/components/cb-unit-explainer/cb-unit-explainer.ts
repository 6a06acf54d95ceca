import {
  type CellUnitExplanation,
  type CellValue,
  chooseScale,
  type ExplainedCell,
  explainCellUnit,
  type UnitIndex,
} from '@convbook/cells';
import type { Tensor } from '@convbook/core';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { controlStyles } from '../../app-styles/shared-styles';
import { UnitSelectEvent } from '../../events/unit-select';
import { formatValue } from '../../format/format-number';
import { planeRgba, putPlane } from '../../paint/plane-rgba';
import { unitExplainerStyles } from './cb-unit-explainer.styles';
import { summaryText } from './describe-unit';
import { inputLayout, type MapLayout, mapLayout } from './explainer-layout';
import {
  type ReceptiveFieldView,
  renderFieldView,
  renderIndexPicker,
  renderInputView,
  renderMapView,
} from './explainer-views';
import { clampUnit, gridOf, nextUnit, previousUnit, unitAfterKey } from './step-unit';
import { renderBreakdown } from './unit-tables';

/** Milliseconds between steps while playing: slow enough to read the window move. */
export const PLAY_INTERVAL_MS = 700;

/**
 * "How was this number computed?" beside a conv or pool cell's map. The map on the left takes clicks and
 * arrow keys to select a unit; the input beside it shows the window that unit reads (padding hatched);
 * below, the patch, the kernel as applied, every product, the sum, the bias, the activation and the value.
 * Play/step slides the window across the input, highlighting patch and unit together.
 *
 * @fires unit-select - the selected unit changed (click, keys, play or step).
 */
export class CbUnitExplainer extends LitElement {
  static override styles = [controlStyles, unitExplainerStyles];
  static override properties = {
    cellId: { type: String, attribute: 'cell-id' },
    label: { type: String },
    cell: { attribute: false },
    inputs: { attribute: false },
    output: { attribute: false },
    unit: { attribute: false },
    field: { attribute: false },
    playing: { state: true },
    viewedInputChannel: { state: true },
  };

  declare cellId: string;
  /** Names the cell in captions and announcements, e.g. "Convolution 'Edges'". */
  declare label: string;
  /** The conv or pool cell, params as written (defaults are filled in by the explainer). */
  declare cell: ExplainedCell | undefined;
  /** The cell's input values by slot (`input`, and `kernel` for conv). */
  declare inputs: Readonly<Record<string, CellValue | undefined>>;
  /** The cell's computed map [C, H, W], drawn on the left; its value is shown beside the explained one. */
  declare output: Tensor | undefined;
  declare unit: UnitIndex;
  /** Optional: the unit's receptive field in an image further up, for a mini-view next to the input. */
  declare field: ReceptiveFieldView | null;
  declare private playing: boolean;
  /** Which input channel a conv's input view shows (a pool unit always reads its own channel). */
  declare private viewedInputChannel: number;

  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #painted = new WeakMap<HTMLCanvasElement, { readonly tensor: Tensor; readonly channel: number }>();

  constructor() {
    super();
    this.cellId = '';
    this.label = 'this cell';
    this.cell = undefined;
    this.inputs = {};
    this.output = undefined;
    this.unit = { channel: 0, y: 0, x: 0 };
    this.field = null;
    this.playing = false;
    this.viewedInputChannel = 0;
  }

  /** Stops playing (also when the element leaves the page). */
  pause(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.playing = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pause();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('output') && this.output) this.unit = clampUnit(this.unit, gridOf(this.output.shape));
  }

  override updated(): void {
    const input = this.inputs.input;
    this.#paintOnce('canvas.map', this.output, this.unit.channel);
    this.#paintOnce(
      'canvas.input',
      input?.type === 'tensor' ? input.tensor : undefined,
      this.#inputChannel(),
    );
    this.#paintOnce('canvas.field', this.field?.tensor, 0);
  }

  #explanation(): CellUnitExplanation {
    if (!this.cell) return { ok: false, reason: 'no cell to explain' };
    return explainCellUnit(this.cell, this.inputs, this.unit);
  }

  #select(unit: UnitIndex | undefined): void {
    if (!unit) return;
    const same = unit.channel === this.unit.channel && unit.y === this.unit.y && unit.x === this.unit.x;
    if (same) return;
    this.unit = unit;
    this.dispatchEvent(new UnitSelectEvent(this.cellId, unit));
  }

  #step(direction: 1 | -1): boolean {
    if (!this.output) return false;
    const grid = gridOf(this.output.shape);
    const next = direction === 1 ? nextUnit(this.unit, grid) : previousUnit(this.unit, grid);
    this.#select(next);
    return next !== undefined;
  }

  /** A step the student took: it stops the playback. */
  #stepByHand(unit: UnitIndex | undefined): void {
    this.pause();
    this.#select(unit);
  }

  #togglePlay(): void {
    if (this.playing || !this.output) {
      this.pause();
      return;
    }
    const grid = gridOf(this.output.shape);
    if (nextUnit(this.unit, grid) === undefined) this.#select({ ...this.unit, y: 0, x: 0 }); // replay from the start
    this.playing = true;
    this.#timer = setInterval(() => {
      if (!this.#step(1)) this.pause();
    }, PLAY_INTERVAL_MS);
  }

  #onMapKey(event: KeyboardEvent): void {
    if (!this.output) return;
    if (event.key === 'Escape' && this.playing) {
      event.preventDefault();
      this.pause();
      return;
    }
    const unit = unitAfterKey(this.unit, event, gridOf(this.output.shape));
    if (!unit) return;
    event.preventDefault();
    this.pause();
    this.#select(unit);
  }

  #onMapClick(event: MouseEvent, layout: MapLayout): void {
    if (!this.output) return;
    const grid = gridOf(this.output.shape);
    const x = Math.floor(event.offsetX / layout.zoom);
    const y = Math.floor(event.offsetY / layout.zoom);
    if (x < 0 || y < 0 || x >= grid.width || y >= grid.height) return;
    this.pause();
    this.#select({ ...this.unit, y, x });
  }

  /**
   * Paints one plane into a canvas unless that canvas already shows it: moving the selection must not
   * repaint (and rescan) a 4096×4096 picture on every arrow key.
   */
  #paintOnce(selector: string, tensor: Tensor | undefined, channel: number): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(selector);
    if (!canvas || !tensor) return;
    const painted = this.#painted.get(canvas);
    if (painted?.tensor === tensor && painted.channel === channel) return;
    const { height, width } = gridOf(tensor.shape);
    const rgba = planeRgba(
      tensor.data,
      channel * height * width,
      height,
      width,
      chooseScale(tensor.data, 'auto'),
    );
    putPlane(canvas, rgba, width, height);
    this.#painted.set(canvas, { tensor, channel });
  }

  /** A pool unit reads its own channel; a conv unit reads all of them, and the view shows the chosen one. */
  #inputChannel(): number {
    if (this.cell?.kind === 'pool') return this.unit.channel;
    const input = this.inputs.input;
    const channels = input?.type === 'tensor' ? gridOf(input.tensor.shape).channels : 1;
    return Math.min(this.viewedInputChannel, channels - 1);
  }

  #renderMap(layout: MapLayout) {
    const output = this.output as Tensor;
    const grid = gridOf(output.shape);
    const value = this.#mapValue();
    const shown = value === undefined ? 'none' : formatValue(value, 4);
    const aria = `${this.label} map, ${grid.height}×${grid.width}; selected row ${this.unit.y + 1}, column ${this.unit.x + 1}, value ${shown}. Arrow keys move the selection.`;
    return renderMapView(output, this.unit.channel, layout, aria, {
      key: (e) => this.#onMapKey(e),
      click: (e) => this.#onMapClick(e, layout),
    });
  }

  #mapValue(): number | undefined {
    const output = this.output;
    if (!output) return undefined;
    const { height, width } = gridOf(output.shape);
    return output.data[(this.unit.channel * height + this.unit.y) * width + this.unit.x];
  }

  /** Buttons at an end are aria-disabled, not disabled, so the focus stays on them (a no-op click). */
  #renderControls() {
    const grid = this.output ? gridOf(this.output.shape) : undefined;
    const atStart = this.unit.y === 0 && this.unit.x === 0;
    const atEnd = grid ? nextUnit(this.unit, grid) === undefined : true;
    return html`<div class="controls" role="group" aria-label="Slide the window">
      <button aria-disabled=${String(atStart)} @click=${() => this.#stepByHand({ ...this.unit, y: 0, x: 0 })}>First</button>
      <button aria-disabled=${String(atStart)} @click=${() => this.#stepByHand(grid && previousUnit(this.unit, grid))}>Step back</button>
      <button class="primary" aria-pressed=${this.playing ? 'true' : 'false'} @click=${() => this.#togglePlay()}>
        ${this.playing ? 'Pause' : 'Play'}
      </button>
      <button aria-disabled=${String(atEnd)} @click=${() => this.#stepByHand(grid && nextUnit(this.unit, grid))}>Step</button>
      ${grid && grid.channels > 1 ? renderIndexPicker('Map', grid.channels, this.unit.channel, (c) => this.#stepByHand({ ...this.unit, channel: c })) : nothing}
      ${this.#renderInputPicker()}
    </div>`;
  }

  /** For a conv over several channels: which one the input view shows (the tables list them all). */
  #renderInputPicker() {
    const input = this.inputs.input;
    const channels = input?.type === 'tensor' ? gridOf(input.tensor.shape).channels : 1;
    if (this.cell?.kind !== 'conv' || channels < 2) return nothing;
    return renderIndexPicker('Input channel shown', channels, this.#inputChannel(), (c) => {
      this.viewedInputChannel = c;
    });
  }

  override render() {
    const output = this.output;
    const explanation = this.#explanation();
    if (!output) return html`<p class="reason">The map is not computed yet.</p>`;
    const grid = gridOf(output.shape);
    const map = mapLayout(grid.height, grid.width, this.unit.y, this.unit.x);
    const input = this.inputs.input;
    const inputGrid = gridOf(input?.type === 'tensor' ? input.tensor.shape : [1, 1]);
    return html`<section aria-label=${`How each number of ${this.label} is computed`}>
      <div class="views">
        ${this.#renderMap(map)}
        ${
          explanation.ok && input?.type === 'tensor'
            ? renderInputView(
                input.tensor,
                this.#inputChannel(),
                inputLayout(explanation.breakdown, inputGrid.height, inputGrid.width),
              )
            : nothing
        }
        ${this.field ? renderFieldView(this.field) : nothing}
      </div>
      ${this.#renderControls()}
      ${explanation.ok ? html`${renderBreakdown(explanation.breakdown, this.#mapValue())}` : html`<p class="reason">Cannot explain this unit: ${explanation.reason}.</p>`}
      <p class="visually-hidden" aria-live=${this.playing ? 'off' : 'polite'}>${explanation.ok ? summaryText(explanation.breakdown) : ''}</p>
    </section>`;
  }
}

customElements.define('cb-unit-explainer', CbUnitExplainer);

declare global {
  interface HTMLElementTagNameMap {
    'cb-unit-explainer': CbUnitExplainer;
  }
}

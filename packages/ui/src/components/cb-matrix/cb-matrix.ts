import type { Tensor } from '@convbook/core';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { controlStyles } from '../../app-styles/shared-styles';
import { CellParamsChangeEvent } from '../../events/cell-params-change';
import { paramsRefusal } from '../../events/params-refusal';
import { formatAmong, largestMagnitude } from '../../format/format-number';
import { matrixStyles } from './cb-matrix.styles';
import {
  isEditableLiteral,
  type PixelLiteral,
  pixelLabel,
  readPixelLiteral,
  valuesFromLiteral,
  withPixel,
} from './pixel-literal';

/** Largest plane shown as numbers; bigger maps are only drawn. */
export const MATRIX_MAX_SIDE = 8;

/** Planes with more numbers than this (a 6×6 grid) start folded away. */
const MATRIX_OPEN_CELLS = 36;

/** Whether a tensor is small enough that its numbers help more than they clutter. */
export function fitsAsMatrix(tensor: Tensor): boolean {
  const h = tensor.shape.length >= 2 ? (tensor.shape.at(-2) ?? 1) : 1;
  const w = tensor.shape.at(-1) ?? 1;
  return h <= MATRIX_MAX_SIDE && w <= MATRIX_MAX_SIDE && tensor.size <= 4 * MATRIX_MAX_SIDE * MATRIX_MAX_SIDE;
}

/** Whether an image cell's `values` can be edited here (a rectangular literal, ≤ 16×16 per channel). */
export function editsAsMatrix(values: unknown): boolean {
  const literal = readPixelLiteral(values);
  return literal !== undefined && isEditableLiteral(literal);
}

/**
 * A small tensor as tables of numbers, one per 2-D plane: the 3×4 input and its 2×3 output from the notes
 * read best this way. Negative values are tinted like the colour map; NaN is marked; float noise next to
 * real values reads as 0. Grids larger than 6×6 start folded ("Show the numbers").
 *
 * Given `values` (an image cell's typed-in literal, [H][W] or [C][H][W], ≤ 16×16) instead, each pixel is a
 * number input; an edit shows at once and is sent as the cell's new `values`, in the same nesting.
 *
 * @fires cell-params-change - `{ values }` after a pixel edit (editable mode only).
 */
export class CbMatrix extends LitElement {
  static override styles = [controlStyles, matrixStyles];
  static override properties = {
    tensor: { attribute: false },
    values: { attribute: false },
    label: { type: String },
    cellId: { type: String, attribute: 'cell-id' },
    draft: { state: true },
    refusal: { state: true },
  };

  /** Why the last typed pixel was not sent (beyond float32), shown until one goes through. */
  declare private refusal: string;
  /** A tensor to show read-only, [C, H, W] or [H, W]. */
  declare tensor: Tensor | undefined;
  /** An image cell's `values` parameter to edit; takes precedence over `tensor`. */
  declare values: unknown;
  declare label: string;
  /** The cell whose `values` an edit changes. */
  declare cellId: string;
  /** The literal with the user's latest edit, until the document catches up. */
  declare private draft: PixelLiteral | undefined;

  constructor() {
    super();
    this.tensor = undefined;
    this.values = undefined;
    this.label = 'values';
    this.cellId = '';
    this.draft = undefined;
    this.refusal = '';
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // A new document snapshot carries every edit already sent.
    if (changed.has('values')) this.draft = undefined;
  }

  #onPixelChange(event: Event, literal: PixelLiteral, index: number): void {
    const input = event.target as HTMLInputElement;
    const value = input.valueAsNumber;
    if (!Number.isFinite(value)) {
      // Empty or not a number: put the last good value back rather than sending nonsense.
      input.value = String(literal.data[index] ?? 0);
      return;
    }
    if (value === literal.data[index]) return;
    const next = withPixel(literal, index, value);
    const patch = { values: valuesFromLiteral(next) };
    this.refusal = paramsRefusal('image', {}, patch) ?? '';
    if (this.refusal !== '') return; // shown under the pixels; the typed text stays in its field
    this.draft = next;
    this.dispatchEvent(new CellParamsChangeEvent(this.cellId, patch));
  }

  #renderEditablePlane(literal: PixelLiteral, channel: number) {
    const { height, width } = literal;
    const inputs = [];
    for (let i = 0; i < height; i++) {
      for (let j = 0; j < width; j++) {
        const index = (channel * height + i) * width + j;
        const v = literal.data[index] ?? 0;
        inputs.push(html`<input
          type="number"
          step="any"
          class=${v < 0 ? 'negative' : ''}
          aria-label=${pixelLabel(literal, channel, i, j)}
          .value=${String(v)}
          @change=${(e: Event) => this.#onPixelChange(e, literal, index)}
        />`);
      }
    }
    const name = `${this.label}${literal.rank === 3 ? `, channel ${channel + 1}` : ''}, ${height}×${width}`;
    return html`<div class="plane" role="group" aria-label=${name}>
      ${literal.rank === 3 ? html`<div class="caption">channel ${channel + 1}</div>` : nothing}
      <div class="grid" style=${styleMap({ gridTemplateColumns: `repeat(${width}, auto)` })}>${inputs}</div>
    </div>`;
  }

  #renderPlane(tensor: Tensor, plane: number, planes: number, h: number, w: number, scale: number) {
    const rows = [];
    for (let i = 0; i < h; i++) {
      const cells = [];
      for (let j = 0; j < w; j++) {
        const v = tensor.data[plane * h * w + i * w + j] ?? Number.NaN;
        const text = formatAmong(v, scale);
        const kind = Number.isNaN(v) ? 'nan' : v < 0 && text !== '0' ? 'negative' : '';
        cells.push(html`<td class=${kind}>${text}</td>`);
      }
      rows.push(html`<tr>${cells}</tr>`);
    }
    return html`<table aria-label=${`${this.label}${planes > 1 ? `, channel ${plane + 1}` : ''}, ${h}×${w}`}>
      ${planes > 1 ? html`<caption>channel ${plane + 1}</caption>` : nothing}
      <tbody>${rows}</tbody>
    </table>`;
  }

  override render() {
    const literal = this.draft ?? readPixelLiteral(this.values);
    if (literal && isEditableLiteral(literal)) {
      return html`<div class="planes editable">
          ${Array.from({ length: literal.channels }, (_, c) => this.#renderEditablePlane(literal, c))}
        </div>
        ${this.refusal ? html`<p class="refusal" role="alert">${this.refusal}</p>` : nothing}
        <p class="hint">Type over a pixel and press Enter: everything downstream recomputes.</p>`;
    }
    const tensor = this.tensor;
    if (!tensor) return nothing;
    const h = tensor.shape.length >= 2 ? (tensor.shape.at(-2) ?? 1) : 1;
    const w = tensor.shape.at(-1) ?? 1;
    const planes = Math.max(1, Math.round(tensor.size / Math.max(1, h * w)));
    const scale = largestMagnitude(tensor.data);
    const tables = html`<div class="planes">
      ${Array.from({ length: planes }, (_, p) => this.#renderPlane(tensor, p, planes, h, w, scale))}
    </div>`;
    if (h * w <= MATRIX_OPEN_CELLS) return tables;
    // Bigger grids are there for whoever wants to check a number, folded so they don't bury the picture.
    return html`<details>
      <summary>Show the numbers (${planes > 1 ? `${planes} × ` : ''}${h}×${w})</summary>
      ${tables}
    </details>`;
  }
}

customElements.define('cb-matrix', CbMatrix);

declare global {
  interface HTMLElementTagNameMap {
    'cb-matrix': CbMatrix;
  }
}

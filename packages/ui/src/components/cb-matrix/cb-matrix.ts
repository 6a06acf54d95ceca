import type { Tensor } from '@convbook/core';
import { html, LitElement, nothing } from 'lit';
import { formatValue } from '../../format/format-number';
import { matrixStyles } from './cb-matrix.styles';

/** Largest plane shown as numbers; bigger maps are only drawn. */
export const MATRIX_MAX_SIDE = 8;

/** Whether a tensor is small enough that its numbers help more than they clutter. */
export function fitsAsMatrix(tensor: Tensor): boolean {
  const h = tensor.shape.length >= 2 ? (tensor.shape.at(-2) ?? 1) : 1;
  const w = tensor.shape.at(-1) ?? 1;
  return h <= MATRIX_MAX_SIDE && w <= MATRIX_MAX_SIDE && tensor.size <= 4 * MATRIX_MAX_SIDE * MATRIX_MAX_SIDE;
}

/**
 * A small tensor as tables of numbers, one per 2-D plane: the 3×4 input and its 2×3 output from the notes
 * read best this way. Negative values are tinted like the colour map; NaN is marked.
 */
export class CbMatrix extends LitElement {
  static override styles = matrixStyles;
  static override properties = {
    tensor: { attribute: false },
    label: { type: String },
  };

  declare tensor: Tensor | undefined;
  declare label: string;

  constructor() {
    super();
    this.tensor = undefined;
    this.label = 'values';
  }

  #renderPlane(tensor: Tensor, plane: number, planes: number, h: number, w: number) {
    const rows = [];
    for (let i = 0; i < h; i++) {
      const cells = [];
      for (let j = 0; j < w; j++) {
        const v = tensor.data[plane * h * w + i * w + j] ?? Number.NaN;
        const kind = Number.isNaN(v) ? 'nan' : v < 0 ? 'negative' : '';
        cells.push(html`<td class=${kind}>${formatValue(v)}</td>`);
      }
      rows.push(html`<tr>${cells}</tr>`);
    }
    return html`<table aria-label=${`${this.label}${planes > 1 ? `, plane ${plane + 1}` : ''}, ${h}×${w}`}>
      ${planes > 1 ? html`<caption>plane ${plane + 1}</caption>` : nothing}
      <tbody>${rows}</tbody>
    </table>`;
  }

  override render() {
    const tensor = this.tensor;
    if (!tensor) return nothing;
    const h = tensor.shape.length >= 2 ? (tensor.shape.at(-2) ?? 1) : 1;
    const w = tensor.shape.at(-1) ?? 1;
    const planes = Math.max(1, Math.round(tensor.size / Math.max(1, h * w)));
    return html`<div class="planes">
      ${Array.from({ length: planes }, (_, p) => this.#renderPlane(tensor, p, planes, h, w))}
    </div>`;
  }
}

customElements.define('cb-matrix', CbMatrix);

declare global {
  interface HTMLElementTagNameMap {
    'cb-matrix': CbMatrix;
  }
}

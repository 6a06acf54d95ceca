import type { DatasetValue } from '@convbook/cells';
import { css, html, LitElement, nothing } from 'lit';
import { formatCount } from '../../format/format-number';
import { paintDigit } from './paint-digit';

/** A dataset cell: how many examples each split has, a grid of sample digits with labels, and the credit. */
export class CbDigitsGrid extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .summary,
    .credit {
      font-size: 12px;
      color: var(--cb-text-muted);
      margin: 0 0 var(--cb-space-2);
    }
    ul {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(48px, 1fr));
      gap: var(--cb-space-1);
      list-style: none;
      padding: 0;
      margin: 0 0 var(--cb-space-2);
      max-width: 560px;
    }
    li {
      display: flex;
      flex-direction: column;
      align-items: center;
      font-family: var(--cb-font-mono);
      font-size: 12px;
    }
    canvas {
      width: 42px;
      height: 42px;
      image-rendering: pixelated;
      border: 1px solid var(--cb-border);
    }
  `;
  static override properties = { value: { attribute: false }, label: { type: String } };

  declare value: DatasetValue | undefined;
  declare label: string;

  constructor() {
    super();
    this.value = undefined;
    this.label = 'digits';
  }

  override render() {
    const value = this.value;
    if (value === undefined) return nothing;
    const [, side] = value.imageShape;
    const { labels } = value.samples;
    return html`<p class="summary">
        ${value.name}: ${formatCount(value.train.count)} to train on, ${formatCount(value.test.count)} held out for
        testing; classes ${value.classNames.join(', ')}. Pictures of ${side}×${side} pixels. The samples are the
        first test digits.
      </p>
      <ul aria-label=${`${this.label}: sample digits`}>
        ${labels.map(
          (label, i) => html`<li>
            <canvas data-sample=${i} role="img" aria-label=${`a handwritten ${value.classNames[label]}`}></canvas>
            <span aria-hidden="true">${value.classNames[label]}</span>
          </li>`,
        )}
      </ul>
      <p class="credit">${value.credit}</p>`;
  }

  protected override updated(): void {
    const value = this.value;
    if (value === undefined) return;
    const side = value.imageShape[1];
    for (const canvas of this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas[data-sample]')) {
      paintDigit(canvas, value.samples.images.data, side, Number(canvas.dataset.sample) * side * side);
    }
  }
}

customElements.define('cb-digits-grid', CbDigitsGrid);

declare global {
  interface HTMLElementTagNameMap {
    'cb-digits-grid': CbDigitsGrid;
  }
}

import { css, html, LitElement } from 'lit';

/**
 * Class probabilities as labelled bars (0–100%), the most likely class marked: what a softmax over a
 * handful of classes means to a reader, where a 1×10 heat map says little.
 */
export class CbClassBars extends LitElement {
  static override styles = css`
    :host {
      display: block;
      width: 100%;
      max-width: 420px;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: auto 1fr auto;
      gap: 2px var(--cb-space-2);
      align-items: center;
      font-family: var(--cb-font-mono);
      font-size: 13px;
    }
    li {
      display: contents;
    }
    .track {
      display: block;
      min-width: 120px;
      height: 14px;
      background: var(--cb-surface-sunken, #eef0f4);
      border-radius: 2px;
      overflow: hidden;
    }
    .bar {
      height: 100%;
      background: var(--cb-text-muted);
    }
    .top .bar {
      background: var(--cb-accent);
    }
    .top .name,
    .top .share {
      font-weight: 700;
    }
    .share {
      text-align: right;
      min-width: 4.5em;
    }
  `;
  static override properties = { values: { attribute: false }, label: { type: String } };

  declare values: ArrayLike<number>;
  declare label: string;

  constructor() {
    super();
    this.values = [];
    this.label = 'class probabilities';
  }

  override render() {
    const values = Array.from(this.values);
    const top = values.indexOf(Math.max(...values));
    return html`<ol aria-label=${this.label}>
      ${values.map(
        (p, i) => html`<li class=${i === top ? 'top' : ''}>
          <span class="name">${i}</span>
          <span class="track" role="img" aria-label=${`class ${i}: ${(100 * p).toFixed(1)}%`}>
            <span class="bar" style="display:block; width: ${Math.max(0, Math.min(100, 100 * p))}%"></span></span>
          <span class="share">${(100 * p).toFixed(1)}%</span>
        </li>`,
      )}
    </ol>`;
  }
}

customElements.define('cb-class-bars', CbClassBars);

declare global {
  interface HTMLElementTagNameMap {
    'cb-class-bars': CbClassBars;
  }
}

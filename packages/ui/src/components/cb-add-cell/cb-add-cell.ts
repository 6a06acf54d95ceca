import { html, LitElement, nothing } from 'lit';
import { controlStyles } from '../../app-styles/shared-styles';
import type { KindInfo } from '../../catalog/value-types';
import { CellAddEvent } from '../../events/cell-add';
import { addCellStyles } from './cb-add-cell.styles';

/** Reading order of kinds in the menu: the order a network is built in. */
const KIND_ORDER = ['image', 'kernel', 'conv', 'pool', 'loss', 'grad', 'stats', 'note'];

/**
 * "Add cell": pick a kind; the app creates it with sensible defaults wired to the last compatible cells.
 *
 * @fires cell-add - the chosen kind, to go after `afterId`.
 */
export class CbAddCell extends LitElement {
  static override styles = [controlStyles, addCellStyles];
  static override properties = {
    kinds: { attribute: false },
    afterId: { type: String, attribute: 'after-id' },
    compact: { type: Boolean, reflect: true },
    open: { state: true },
  };

  declare kinds: ReadonlyMap<string, KindInfo>;
  declare afterId: string;
  /** A thin "insert here" line between cells, shown fully on hover or focus. */
  declare compact: boolean;
  declare private open: boolean;

  constructor() {
    super();
    this.kinds = new Map();
    this.afterId = '';
    this.compact = false;
    this.open = false;
  }

  #choose(kind: string): void {
    this.open = false;
    this.dispatchEvent(new CellAddEvent(kind, this.afterId || undefined));
  }

  /** Closing by Escape puts focus back on the button that opened the menu, never on the page. */
  #close(): void {
    this.open = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('.toggle')?.focus());
  }

  override render() {
    const kinds = [...this.kinds.values()].sort(
      (a, b) => rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind),
    );
    return html`<button class="toggle" aria-expanded=${this.open ? 'true' : 'false'}
        @click=${() => {
          this.open = !this.open;
        }}>${this.compact ? html`<span aria-hidden="true">+</span><span class="visually-hidden">Insert a cell here</span>` : '+ Add cell'}</button>
      ${
        this.open
          ? html`<div class="menu" role="menu" aria-label="Cell kinds" @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Escape') this.#close();
              else moveInMenu(e);
            }}>
              ${kinds.map(
                (k) => html`<button role="menuitem" @click=${() => this.#choose(k.kind)}>
                  <strong>${k.label}</strong><span>${k.description}</span>
                </button>`,
              )}
            </div>`
          : nothing
      }`;
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('open') && this.open)
      this.renderRoot.querySelector<HTMLButtonElement>('.menu button')?.focus();
  }
}

/** ArrowDown/ArrowUp walk the menu items (wrapping), Home/End jump to the ends. */
function moveInMenu(event: KeyboardEvent): void {
  const menu = event.currentTarget as HTMLElement;
  const items = [...menu.querySelectorAll<HTMLButtonElement>('button')];
  const current = items.indexOf(event.target as HTMLButtonElement);
  const last = items.length - 1;
  const next =
    event.key === 'ArrowDown'
      ? (current + 1) % items.length
      : event.key === 'ArrowUp'
        ? (current - 1 + items.length) % items.length
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? last
            : undefined;
  if (next === undefined) return;
  event.preventDefault();
  items[next]?.focus();
}

function rank(kind: string): number {
  const index = KIND_ORDER.indexOf(kind);
  return index === -1 ? KIND_ORDER.length : index;
}

customElements.define('cb-add-cell', CbAddCell);

declare global {
  interface HTMLElementTagNameMap {
    'cb-add-cell': CbAddCell;
  }
}

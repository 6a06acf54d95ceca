import { html, LitElement, nothing } from 'lit';
import { controlStyles } from '../../app-styles/shared-styles';
import type { ParamControl } from '../../catalog/param-control';
import { CellParamsChangeEvent } from '../../events/cell-params-change';
import { paramControlsStyles } from './cb-param-controls.styles';

/**
 * Controls built from a kind's parameter schema: number inputs with limits, selects, checkboxes. Used by
 * conv, pool, loss, grad and stats cells. An input left empty on an optional parameter removes it (the
 * default applies); out-of-range numbers are still sent, so the cell explains what is wrong.
 *
 * @fires cell-params-change - `{ [name]: value }` for the one changed parameter.
 */
export class CbParamControls extends LitElement {
  static override styles = [controlStyles, paramControlsStyles];
  static override properties = {
    cellId: { type: String, attribute: 'cell-id' },
    controls: { attribute: false },
    params: { attribute: false },
    cellChoices: { attribute: false },
  };

  declare cellId: string;
  declare controls: readonly ParamControl[];
  declare params: Readonly<Record<string, unknown>>;
  /** Parameters that name another cell (e.g. grad's `kernelCell`): parameter → the cells to offer. */
  declare cellChoices: Readonly<Record<string, readonly { readonly id: string; readonly name: string }[]>>;

  constructor() {
    super();
    this.cellId = '';
    this.controls = [];
    this.params = {};
    this.cellChoices = {};
  }

  #set(name: string, value: unknown): void {
    this.dispatchEvent(new CellParamsChangeEvent(this.cellId, { [name]: value }));
  }

  #numberFrom(input: HTMLInputElement, optional: boolean): number | undefined | null {
    if (input.value.trim() === '') return optional ? undefined : null;
    return input.valueAsNumber;
  }

  #renderControl(control: ParamControl) {
    const id = `param-${control.name}`;
    const value = this.params[control.name];
    const title = control.description ?? '';
    const cells = this.cellChoices[control.name];
    if (cells) {
      return html`<div class="field" title=${title}>
        <label for=${id}>${control.label}</label>
        <select id=${id} @change=${(e: Event) => this.#set(control.name, (e.target as HTMLSelectElement).value)}>
          ${value === undefined ? html`<option value="" selected disabled>— choose —</option>` : nothing}
          ${cells.map((c) => html`<option value=${c.id} ?selected=${c.id === value}>${c.name}</option>`)}
        </select>
      </div>`;
    }
    switch (control.type) {
      case 'number': {
        const shown = typeof value === 'number' ? String(value) : '';
        const written = value !== undefined && typeof value !== 'number' ? JSON.stringify(value) : '';
        return html`<div class="field" title=${title}>
          <label for=${id}>${control.label}${written ? html` <code>${written}</code>` : nothing}</label>
          <input id=${id} type="number" step=${control.integer ? 1 : 'any'} min=${control.min ?? nothing}
            max=${control.max ?? nothing} placeholder=${control.defaultValue ?? ''} .value=${shown}
            @change=${(e: Event) => {
              const next = this.#numberFrom(e.target as HTMLInputElement, control.optional);
              if (next !== null) this.#set(control.name, next);
            }} />
        </div>`;
      }
      case 'choice': {
        const numeric = typeof value === 'number';
        const current = numeric ? '#number' : String(value ?? control.defaultValue ?? '');
        return html`<div class="field" title=${title}>
          <label for=${id}>${control.label}</label>
          <span class="pair">
            <select id=${id} @change=${(e: Event) => {
              const chosen = (e.target as HTMLSelectElement).value;
              if (chosen === '#number') this.#set(control.name, control.allowsInteger?.min ?? 0);
              else this.#set(control.name, chosen === '' ? undefined : chosen);
            }}>
              ${control.optional && control.defaultValue === undefined ? html`<option value="" ?selected=${value === undefined}>default</option>` : nothing}
              ${control.options.map((o) => html`<option value=${o} ?selected=${o === current}>${o}</option>`)}
              ${control.allowsInteger ? html`<option value="#number" ?selected=${numeric}>number…</option>` : nothing}
            </select>
            ${
              numeric
                ? html`<input type="number" step="1" min=${control.allowsInteger?.min ?? nothing}
                    aria-label=${`${control.label} amount`} .value=${String(value)}
                    @change=${(e: Event) => this.#set(control.name, (e.target as HTMLInputElement).valueAsNumber)} />`
                : nothing
            }
          </span>
        </div>`;
      }
      case 'boolean':
        return html`<div class="field check" title=${title}>
          <input id=${id} type="checkbox" .checked=${(value ?? control.defaultValue) === true}
            @change=${(e: Event) => this.#set(control.name, (e.target as HTMLInputElement).checked)} />
          <label for=${id}>${control.label}</label>
        </div>`;
      case 'other':
        if (value === undefined) return nothing;
        return html`<div class="field" title=${title}>
          <label>${control.label}</label>
          <code>${JSON.stringify(value)}</code>
        </div>`;
    }
  }

  override render() {
    if (this.controls.length === 0) return nothing;
    return html`<form @submit=${(e: Event) => e.preventDefault()}>${this.controls.map((c) => this.#renderControl(c))}</form>`;
  }
}

customElements.define('cb-param-controls', CbParamControls);

declare global {
  interface HTMLElementTagNameMap {
    'cb-param-controls': CbParamControls;
  }
}

import { plainMessage } from '@convbook/cells';
import { html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { controlStyles } from '../../app-styles/shared-styles';
import type { ParamControl } from '../../catalog/param-control';
import { CellParamsChangeEvent } from '../../events/cell-params-change';
import { paramsProblems } from '../../events/params-refusal';
import { paramControlsStyles } from './cb-param-controls.styles';
import { DIGIT_CLASSES, tickedClasses, toggledClasses } from './class-choice';
import { defaultPlaceholder, implicitDefault } from './implicit-defaults';
import { numericParts, withPart } from './numeric-parts';
import { appliesNow } from './param-relevance';
import { STRUCTURED_OFF, STRUCTURED_STARTS, STRUCTURED_TURN_OFF } from './structured-starts';

/**
 * Controls built from a kind's parameter schema: number inputs with limits, selects, checkboxes. Used by
 * conv, pool, loss, grad and stats cells. An input left empty on an optional parameter removes it (the
 * default applies, and the empty box says so: "1 (default)"); a value the kind's
 * schema refuses (a pool of size 0) is not sent but explained under the controls, its text left in the box,
 * so the app never holds a notebook that a file or link of it would not load. Parameters that do nothing under the current settings
 * (the leak without leaky-relu) are hidden; structured ones (a selected weight, training settings) get
 * one input per number.
 *
 * @fires cell-params-change - `{ [name]: value }` for the one changed parameter.
 */
export class CbParamControls extends LitElement {
  static override styles = [controlStyles, paramControlsStyles];
  static override properties = {
    cellId: { type: String, attribute: 'cell-id' },
    kind: { type: String },
    controls: { attribute: false },
    params: { attribute: false },
    cellChoices: { attribute: false },
    refusal: { state: true },
    cellName: { type: String, attribute: 'cell-name' },
    invalid: { attribute: false },
  };

  declare cellId: string;
  /** The cell's kind, to name defaults its schema leaves to core (conv stride 1, pool stride = size). */
  declare kind: string;
  declare controls: readonly ParamControl[];
  declare params: Readonly<Record<string, unknown>>;
  /** Parameters that name another cell (e.g. grad's `kernelCell`): parameter → the cells to offer. */
  declare cellChoices: Readonly<Record<string, readonly { readonly id: string; readonly name: string }[]>>;
  declare private refusal: string;
  /** Names the cell in refusals: "Convolution 'Edges'". */
  declare cellName: string;
  /** Fields the runtime reports as wrong (from the cell's error), by param name → plain message. */
  declare invalid: Readonly<Record<string, string>>;
  /** The field whose typed value was refused, shown in its error state until an edit goes through. */
  #refused = '';

  constructor() {
    super();
    this.cellId = '';
    this.kind = '';
    this.controls = [];
    this.params = {};
    this.cellChoices = {};
    this.refusal = '';
    this.cellName = '';
    this.invalid = {};
  }

  #set(name: string, value: unknown): void {
    const problems = paramsProblems(this.kind, this.params, { [name]: value });
    this.#refused = problems.length === 0 ? '' : name;
    this.refusal = problems.length === 0 ? '' : this.#inUseSentence(name, problems[0]?.message ?? '');
    if (problems.length === 0) this.dispatchEvent(new CellParamsChangeEvent(this.cellId, { [name]: value }));
  }

  /**
   * "Convolution 'Edges': stride must be a whole number ≥ 1 — got 0. Not applied: still using 1.": who,
   * which field, what is wrong, and which value still counts.
   */
  #inUseSentence(name: string, message: string): string {
    const control = this.controls.find((c) => c.name === name);
    const current = this.params[name];
    const fallback =
      control && 'defaultValue' in control && control.defaultValue !== undefined
        ? String(control.defaultValue)
        : implicitDefault(this.kind, name, this.params);
    const inUse = current !== undefined ? JSON.stringify(current) : (fallback ?? 'the default');
    const who = this.cellName ? `${this.cellName}: ` : '';
    const field = control?.label.toLowerCase() ?? name;
    return `${who}${field} ${plainMessage(message)}. Not applied: still using ${inUse}.`;
  }

  /** The error state of a field: refused just now, or reported wrong by the cell. */
  #invalidMark(name: string) {
    const wrong = this.#refused === name || this.invalid[name] !== undefined;
    return wrong ? 'true' : 'false';
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
        const fallback =
          control.defaultValue !== undefined
            ? String(control.defaultValue)
            : implicitDefault(this.kind, control.name, this.params);
        const placeholder = defaultPlaceholder(fallback);
        return html`<div class="field" title=${title}>
          <label for=${id}>${control.label}${written ? html` <code>${written}</code>` : nothing}</label>
          <input id=${id} type="number" class=${placeholder ? 'with-default' : ''} aria-invalid=${this.#invalidMark(control.name)}
            step=${control.integer ? 1 : 'any'} min=${control.min ?? nothing} max=${control.max ?? nothing}
            placeholder=${placeholder} style=${placeholder ? `--placeholder-chars: ${placeholder.length}` : nothing}
            .value=${live(shown)}
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
            <select id=${id} aria-invalid=${this.#invalidMark(control.name)} @change=${(e: Event) => {
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
                ? html`<input type="number" aria-invalid=${this.#invalidMark(control.name)} step="1" min=${control.allowsInteger?.min ?? nothing}
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
        if (this.kind === 'digits' && control.name === 'classes')
          return this.#renderClasses(control, title, value);
        return this.#renderStructured(control, id, title, value);
    }
  }

  /** Ten checkboxes, one per digit; fewer than two is refused like any other value the schema refuses. */
  #renderClasses(control: ParamControl, title: string, value: unknown) {
    const ticked = tickedClasses(value);
    return html`<fieldset class="parts classes" title=${title}>
      <legend>${control.label}${value === undefined ? html` <span class="default">all ten</span>` : nothing}</legend>
      ${DIGIT_CLASSES.map(
        (digit) => html`<label class="digit">
          <input type="checkbox" aria-invalid=${this.#invalidMark(control.name)} .checked=${live(ticked.includes(digit))}
            @change=${(e: Event) => this.#set(control.name, toggledClasses(value, digit, (e.target as HTMLInputElement).checked))} />${digit}
        </label>`,
      )}
    </fieldset>`;
  }

  /** One number field per part; an unset setting shows its starting values, marked off, so it can be set. */
  #renderStructured(control: ParamControl, id: string, title: string, value: unknown) {
    const unset = value === undefined;
    const current = unset ? STRUCTURED_STARTS[control.name] : value;
    const parts = current === undefined ? undefined : numericParts(control.name, current);
    if (!parts) {
      return html`<div class="field" title=${title}>
        <span class="label">${control.label}</span>
        <code>${unset ? 'not set' : JSON.stringify(value)}</code>
      </div>`;
    }
    return html`<fieldset class="parts ${unset ? 'unset' : ''}" title=${title}>
      <legend>${control.label}${unset ? html` <span class="default">${STRUCTURED_OFF[control.name] ?? 'off'}</span>` : nothing}</legend>
      ${parts.map(
        (part) => html`<div class="field">
          <label for=${`${id}-${part.key}`}>${part.label}</label>
          <input id=${`${id}-${part.key}`} type="number" aria-invalid=${this.#invalidMark(control.name)} step=${part.integer ? 1 : 'any'}
            min=${part.offset > 0 ? part.offset : nothing} placeholder=${unset ? String(part.shown) : nothing}
            .value=${live(unset ? '' : String(part.shown))}
            @change=${(e: Event) => {
              const typed = (e.target as HTMLInputElement).valueAsNumber;
              if (Number.isFinite(typed)) this.#set(control.name, withPart(current, part, typed));
            }} />
        </div>`,
      )}
      ${!unset ? this.#renderTurnOff(control.name) : nothing}
    </fieldset>`;
  }

  /** Unsets a setting that has an off state; one that is always on (a shape) has nothing to turn off. */
  #renderTurnOff(name: string) {
    const turnOff = STRUCTURED_TURN_OFF[name];
    if (!turnOff) return nothing;
    return html`<button type="button" class="turn-off" title=${turnOff.title}
      @click=${() => this.#set(name, undefined)}>${turnOff.label}</button>`;
  }

  override render() {
    if (this.controls.length === 0) return nothing;
    const shown = this.controls.filter((c) => appliesNow(this.kind, c.name, this.params));
    return html`<form @submit=${(e: Event) => e.preventDefault()}>${shown.map((c) => this.#renderControl(c))}</form>
      ${this.refusal ? html`<p class="refusal" role="alert">${this.refusal}</p>` : nothing}`;
  }
}

customElements.define('cb-param-controls', CbParamControls);

declare global {
  interface HTMLElementTagNameMap {
    'cb-param-controls': CbParamControls;
  }
}

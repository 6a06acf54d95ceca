import {
  type BankShape,
  bankShapeOf,
  checkBankShape,
  kernelParamsPatch,
  MAX_CHANNELS,
  MAX_KERNEL_SIDE,
  MAX_KERNELS,
  resizeKernelBank,
} from '@convbook/cells';
import type { Tensor } from '@convbook/core';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { controlStyles } from '../../app-styles/shared-styles';
import { KernelFilterSelectEvent } from '../../events/kernel-filter-select';
import { KernelShapeChangeEvent } from '../../events/kernel-shape-change';
import { holdsUnreadableText } from '../cb-kernel-editor/typed-number';
import { kernelShapeStyles } from './cb-kernel-shape.styles';

type Axis = keyof BankShape;

interface AxisField {
  readonly axis: Axis;
  readonly label: string;
  readonly max: number;
  /** What a new kernel cell starts with (sobel-x): shown when the field is cleared. */
  readonly fallback: number;
  readonly unit: string;
}

const FIELDS: readonly AxisField[] = [
  { axis: 'rows', label: 'Rows', max: MAX_KERNEL_SIDE, fallback: 3, unit: 'rows' },
  { axis: 'columns', label: 'Columns', max: MAX_KERNEL_SIDE, fallback: 3, unit: 'columns' },
  { axis: 'channels', label: 'Channels', max: MAX_CHANNELS, fallback: 1, unit: 'channels' },
  { axis: 'kernels', label: 'Kernels', max: MAX_KERNELS, fallback: 1, unit: 'kernels' },
];

let nextId = 0;

/** The draft of a field whose text the number input could not read (it reports such text as ''). */
const UNREADABLE = '\u0000unreadable';

/** What a size field holds: its text, or UNREADABLE when the input could not read what was typed. */
function typedText(input: HTMLInputElement): string {
  return holdsUnreadableText(input) ? UNREADABLE : input.value;
}

/**
 * The shape of a kernel bank as four number fields — rows, columns, channels, kernels — and, for a bank
 * of several, a picker of the one filter the weight editor shows. Changing a field resizes the bank
 * keeping every weight that still fits; an invalid entry is flagged in place, says which value stays in
 * use, and changes nothing.
 *
 * @fires kernel-shape-change - a valid new shape, with the kernel cell's params patch.
 * @fires kernel-filter-select - the filter to edit.
 */
export class CbKernelShape extends LitElement {
  static override styles = [controlStyles, kernelShapeStyles];
  static override properties = {
    cellId: { type: String, attribute: 'cell-id' },
    weights: { attribute: false },
    bias: { attribute: false },
    inputChannels: { type: Number, attribute: 'input-channels' },
    filter: { type: Number },
    drafts: { state: true },
  };

  declare cellId: string;
  /** The bank as the kernel cell computed it, [O, C, kh, kw]. */
  declare weights: Tensor | undefined;
  declare bias: Float32Array;
  /** Channels of the conv input this kernel feeds, when known: offered as a one-click match. */
  declare inputChannels: number | undefined;
  /** The filter being edited (0-based). */
  declare filter: number;
  /** Text typed into a field and not (yet) applied: invalid, or waiting for the new weights. */
  declare private drafts: Partial<Record<Axis, string>>;

  readonly #id = `kernel-shape-${nextId++}`;

  constructor() {
    super();
    this.cellId = '';
    this.weights = undefined;
    this.bias = new Float32Array(0);
    this.inputChannels = undefined;
    this.filter = 0;
    this.drafts = {};
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('weights')) {
      this.drafts = {};
      const kernels = this.weights?.shape[0] ?? 1;
      if (this.filter >= kernels) this.filter = kernels - 1;
    }
  }

  get #shape(): BankShape | undefined {
    return this.weights ? bankShapeOf(this.weights) : undefined;
  }

  #problem(field: AxisField): string | undefined {
    const draft = this.drafts[field.axis];
    const shape = this.#shape;
    if (draft === undefined || !shape) return undefined;
    const inUse = `still ${shape[field.axis]} ${field.unit}`;
    if (draft === UNREADABLE) return `${field.label} is not a whole number — ${inUse}`;
    if (draft.trim() === '') return `${field.label} is empty — ${inUse}`;
    const [problem] = checkBankShape({ ...shape, [field.axis]: Number(draft) });
    return problem === undefined ? undefined : `${problem}; ${inUse}`;
  }

  #apply(axis: Axis, text: string): void {
    const shape = this.#shape;
    if (!shape || !this.weights) return;
    this.drafts = { ...this.drafts, [axis]: text };
    if (text === UNREADABLE) return;
    const next = { ...shape, [axis]: Number(text) };
    if (text.trim() === '' || checkBankShape(next).length > 0 || next[axis] === shape[axis]) {
      if (next[axis] === shape[axis]) this.drafts = { ...this.drafts, [axis]: undefined };
      return;
    }
    const bank = resizeKernelBank({ weights: this.weights, bias: this.bias }, next);
    this.dispatchEvent(new KernelShapeChangeEvent(this.cellId, next, kernelParamsPatch(bank)));
  }

  #pickFilter(kernel: number): void {
    this.filter = kernel;
    this.dispatchEvent(new KernelFilterSelectEvent(this.cellId, kernel));
  }

  #renderField(field: AxisField, shape: BankShape) {
    const id = `${this.#id}-${field.axis}`;
    const problem = this.#problem(field);
    const draft = this.drafts[field.axis];
    const value = draft === UNREADABLE ? '' : (draft ?? String(shape[field.axis]));
    return html`<div class="field ${problem ? 'invalid' : ''}">
      <label for=${id}>${field.label}</label>
      <input id=${id} type="number" inputmode="numeric" min="1" max=${field.max} step="1"
        .value=${value} placeholder=${String(field.fallback)}
        aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${problem ? `${id}-error` : nothing}
        @change=${(e: Event) => this.#apply(field.axis, typedText(e.target as HTMLInputElement))} />
      ${problem ? html`<span class="error" id=${`${id}-error`}>${problem}</span>` : nothing}
    </div>`;
  }

  #renderChannelHint(shape: BankShape) {
    const channels = this.inputChannels;
    if (channels === undefined || shape.channels === channels || shape.channels === 1) return nothing;
    return html`<p class="hint">
      The input has ${channels} channels; this kernel has ${shape.channels}. Use 1 (repeated over every channel) or ${channels}.
      <button type="button" @click=${() => this.#apply('channels', String(channels))}>Match the input (${channels})</button>
    </p>`;
  }

  #renderFilterPicker(shape: BankShape) {
    if (shape.kernels < 2) return nothing;
    const id = `${this.#id}-filter`;
    return html`<div class="field">
      <label for=${id}>Edit filter</label>
      <select id=${id} .value=${String(this.filter)}
        @change=${(e: Event) => this.#pickFilter(Number((e.target as HTMLSelectElement).value))}>
        ${Array.from({ length: shape.kernels }, (_, k) => html`<option value=${k} ?selected=${k === this.filter}>Filter ${k + 1} of ${shape.kernels}</option>`)}
      </select>
    </div>`;
  }

  override render() {
    const shape = this.#shape;
    if (!shape) return html`<p class="hint">The kernel has no weights yet.</p>`;
    return html`<fieldset>
      <legend>Kernel shape <span class="now">${plural(shape.kernels, 'kernel')} of ${shape.rows}×${shape.columns} on ${plural(shape.channels, 'channel')}</span></legend>
      <div class="fields">
        ${FIELDS.map((field) => this.#renderField(field, shape))}
        ${this.#renderFilterPicker(shape)}
      </div>
      ${this.#renderChannelHint(shape)}
    </fieldset>`;
  }
}

/** "1 kernel", "3 kernels". */
function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

customElements.define('cb-kernel-shape', CbKernelShape);

declare global {
  interface HTMLElementTagNameMap {
    'cb-kernel-shape': CbKernelShape;
  }
}

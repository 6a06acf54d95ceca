import { sampleNames } from '@convbook/cells';
import { html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { controlStyles } from '../../app-styles/shared-styles';
import { CellParamsChangeEvent } from '../../events/cell-params-change';
import { paramsRefusal } from '../../events/params-refusal';
import { PictureReadingEvent } from '../../events/picture-reading';
import { editsAsMatrix } from '../cb-matrix/cb-matrix';
import {
  blankLiteral,
  isEditableLiteral,
  MAX_EDITABLE_SIDE,
  type PixelLiteral,
  readPixelLiteral,
  resizeLiteral,
  valuesFromLiteral,
} from '../cb-matrix/pixel-literal';
import { imageEditorStyles } from './cb-image-editor.styles';
import { PictureError } from './picture-header';
import { MAX_UPLOAD_SIDE, preparePicture } from './prepare-upload';
import { newTransform, transformFields } from './transform-fields';

type Transform = Readonly<Record<string, unknown>>;
/** The source menu's entry for typed-in values (sample names never start with '#'). */
const TYPED_IN = '#values';
/** A new typed-in image: big enough for a 3×3 kernel to slide, small enough to fill in by hand. */
const NEW_LITERAL_SIDE = 5;
const CLEAR_SOURCES = { sample: undefined, png: undefined, values: undefined };

/**
 * Edits an image cell: a built-in sample (with size, seed and sample options), an uploaded picture (file
 * picker, drag-and-drop or paste; shrunk to 512 px with a visible note) or typed-in values (rows and
 * columns set here, each pixel edited in cb-matrix), then a list of
 * transforms applied in order. Typed-in pixels are edited beside the map (cb-matrix); only when transforms
 * change them first does the editor show their own grid here.
 *
 * @fires cell-params-change - a new source or transform list.
 */
export class CbImageEditor extends LitElement {
  static override styles = [controlStyles, imageEditorStyles];
  static override properties = {
    cellId: { type: String, attribute: 'cell-id' },
    params: { attribute: false },
    uploadNote: { state: true },
    reading: { state: true },
    uploadError: { state: true },
    dragOver: { state: true },
  };

  declare cellId: string;
  declare params: Readonly<Record<string, unknown>>;
  declare private uploadNote: string;
  /** The name of the picture being decoded and shrunk (until then the old picture stays, marked busy). */
  declare private reading: string;
  declare private uploadError: string;
  declare private dragOver: boolean;

  constructor() {
    super();
    this.cellId = '';
    this.params = {};
    this.uploadNote = '';
    this.uploadError = '';
    this.dragOver = false;
    this.reading = '';
  }

  get #sample(): Record<string, unknown> | undefined {
    const sample = this.params.sample;
    return typeof sample === 'object' && sample !== null ? (sample as Record<string, unknown>) : undefined;
  }

  get #transforms(): readonly Transform[] {
    const list = this.params.transforms;
    return Array.isArray(list) ? (list as Transform[]) : [];
  }

  /** Sends an edit the loader would take; shows why not otherwise (a sample size of 5000), sending nothing. */
  #emit(patch: Record<string, unknown>): void {
    const refusal = paramsRefusal('image', this.params, patch);
    this.uploadError = refusal ?? '';
    if (refusal === undefined) this.dispatchEvent(new CellParamsChangeEvent(this.cellId, patch));
  }

  #setSample(patch: Record<string, unknown>): void {
    const next = { ...(this.#sample ?? { name: 'checkerboard' }), ...patch };
    for (const [key, value] of Object.entries(next))
      if (value === undefined || Number.isNaN(value)) delete next[key];
    this.uploadNote = '';
    this.#emit({ ...CLEAR_SOURCES, sample: next });
  }

  #setTransforms(transforms: readonly Transform[]): void {
    this.#emit({ transforms: transforms.length > 0 ? transforms : undefined });
  }

  async #upload(file: Blob | undefined): Promise<void> {
    // A new attempt replaces what the last one said: a stale "Downscaled from …" never sits beside an error.
    this.uploadError = '';
    this.uploadNote = '';
    if (!file) return;
    if (!file.type.startsWith('image/')) {
      this.uploadError = `That is not a picture (type "${file.type || 'unknown'}"). Choose a PNG, JPEG, GIF or WebP file.`;
      return;
    }
    this.reading = file instanceof File && file.name ? `“${file.name}”` : 'the picture';
    this.dispatchEvent(new PictureReadingEvent(true));
    try {
      const picture = await preparePicture(file);
      this.uploadNote = picture.original
        ? `Downscaled from ${picture.original.width}×${picture.original.height} to ${picture.width}×${picture.height} (pictures are kept at most ${MAX_UPLOAD_SIDE} px on a side).`
        : '';
      this.#emit({ ...CLEAR_SOURCES, png: picture.png });
    } catch (error) {
      // Engine messages ("The source image could not be decoded.") are not for users: only our own sentences.
      this.uploadError =
        error instanceof PictureError ? error.message : 'Could not read the picture; it may be damaged.';
    } finally {
      this.reading = '';
      this.dispatchEvent(new PictureReadingEvent(false));
    }
  }

  #onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragOver = false;
    void this.#upload(event.dataTransfer?.files[0]);
  }

  #onPaste(event: ClipboardEvent): void {
    const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
    if (!file) return;
    event.preventDefault();
    void this.#upload(file);
  }

  #setLiteral(literal: PixelLiteral): void {
    this.uploadNote = '';
    this.#emit({ ...CLEAR_SOURCES, values: valuesFromLiteral(literal) });
  }

  /** Rows and columns of typed-in values: resizing keeps the top-left pixels and pads with 0. */
  #renderLiteralSize(literal: PixelLiteral) {
    const side = (key: 'height' | 'width', label: string) => html`<div class="field">
      <label for=${`literal-${key}`}>${label}</label>
      <input id=${`literal-${key}`} type="number" min="1" max=${MAX_EDITABLE_SIDE} step="1" .value=${live(String(literal[key]))}
        @change=${(e: Event) => {
          const n = (e.target as HTMLInputElement).valueAsNumber;
          if (!Number.isInteger(n) || n < 1 || n > MAX_EDITABLE_SIDE) return;
          const next = key === 'height' ? { h: n, w: literal.width } : { h: literal.height, w: n };
          this.#setLiteral(resizeLiteral(literal, next.h, next.w));
        }} />
    </div>`;
    return html`${side('height', 'Rows')}${side('width', 'Columns')}`;
  }

  #renderSampleFields() {
    const sample = this.#sample;
    const literal = readPixelLiteral(this.params.values);
    const name = typeof sample?.name === 'string' ? sample.name : '';
    const numberField = (key: string, label: string, fallback: number, step = 1) => html`<div class="field">
      <label for=${`sample-${key}`}>${label}</label>
      <input id=${`sample-${key}`} type="number" step=${step} .value=${String(sample?.[key] ?? fallback)}
        @change=${(e: Event) => this.#setSample({ [key]: (e.target as HTMLInputElement).valueAsNumber })} />
    </div>`;
    return html`<div class="field">
        <label for="sample">Sample</label>
        <select id="sample" @change=${(e: Event) => {
          const chosen = (e.target as HTMLSelectElement).value;
          if (chosen === TYPED_IN) this.#setLiteral(blankLiteral(NEW_LITERAL_SIDE, NEW_LITERAL_SIDE));
          else this.#setSample({ name: chosen });
        }}>
          ${this.params.png ? html`<option value="" selected disabled>Uploaded picture</option>` : nothing}
          <option value=${TYPED_IN} ?selected=${literal !== undefined}>Typed-in values</option>
          ${sampleNames.map((n) => html`<option value=${n} ?selected=${n === name}>${n}</option>`)}
        </select>
      </div>
      ${literal && isEditableLiteral(literal) ? this.#renderLiteralSize(literal) : nothing}
      ${sample ? numberField('size', name === 'signal-peaks' ? 'Length' : 'Size', name === 'signal-peaks' ? 128 : 32) : nothing}
      ${sample && ['noise', 'signal-peaks', 'circles', 'rgb-shapes'].includes(name) ? numberField('seed', 'Seed', 1) : nothing}
      ${sample && name === 'stripes' ? numberField('angle', 'Angle°', 0, 15) : nothing}
      ${
        sample && (name === 'letters' || name === 'digits')
          ? html`<div class="field"><label for="sample-text">Text</label>
              <input id="sample-text" type="text" maxlength="8" .value=${String(sample.text ?? '')} class="short"
                @change=${(e: Event) => this.#setSample({ text: (e.target as HTMLInputElement).value || undefined })} /></div>`
          : nothing
      }`;
  }

  #renderTransform(transform: Transform, index: number) {
    const op = String(transform.op);
    const list = this.#transforms;
    const replace = (patch: Record<string, unknown>): void =>
      this.#setTransforms(list.map((t, i) => (i === index ? { ...t, ...patch } : t)));
    return html`<div class="transform">
      <span class="op">${index + 1}. ${op}</span>
      ${(transformFields[op] ?? []).map((field) =>
        field.kind === 'int'
          ? html`<label>${field.label}
              <input type="number" step="1" min=${field.min ?? nothing} .value=${String(transform[field.name] ?? 0)}
                aria-label=${`${op} ${field.label}`}
                @change=${(e: Event) => replace({ [field.name]: (e.target as HTMLInputElement).valueAsNumber })} /></label>`
          : html`<label>${field.label}
              <select aria-label=${`${op} ${field.label}`}
                @change=${(e: Event) => replace({ [field.name]: (e.target as HTMLSelectElement).value })}>
                ${(field.options ?? []).map((o) => html`<option ?selected=${transform[field.name] === o}>${o}</option>`)}
              </select></label>`,
      )}
      <button class="quiet" aria-label=${`Remove transform ${index + 1} (${op})`}
        @click=${() => this.#setTransforms(list.filter((_, i) => i !== index))}>Remove</button>
    </div>`;
  }

  override render() {
    const transforms = this.#transforms;
    return html`<div class="row">
        ${this.#renderSampleFields()}
        <div
          class="drop ${this.dragOver ? 'over' : ''}"
          role="group"
          tabindex="0"
          aria-label="Upload a picture: choose a file, drop it here, or paste it"
          @dragover=${(e: DragEvent) => {
            e.preventDefault();
            this.dragOver = true;
          }}
          @dragleave=${() => {
            this.dragOver = false;
          }}
          @drop=${this.#onDrop}
          @paste=${this.#onPaste}
        >
          <button ?disabled=${this.reading !== ''} @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click()}>Upload picture…</button>
          <span>or drop / paste one here</span>
          <input type="file" accept="image/*" aria-label="Picture file"
            @change=${(e: Event) => void this.#upload((e.target as HTMLInputElement).files?.[0])} />
        </div>
      </div>
      ${this.reading ? html`<p class="note reading" role="status" aria-busy="true"><span class="spinner"></span> Reading ${this.reading}… the picture below changes when it is ready.</p>` : nothing}
      ${this.uploadNote ? html`<p class="note" role="status">${this.uploadNote}</p>` : nothing}
      ${this.uploadError ? html`<p class="error" role="alert">${this.uploadError}</p>` : nothing}
      ${
        transforms.length > 0 && editsAsMatrix(this.params.values)
          ? html`<div class="literal">
              <div class="caption">Pixels before the transforms</div>
              <cb-matrix .values=${this.params.values} cell-id=${this.cellId} label="typed-in pixels"></cb-matrix>
            </div>`
          : nothing
      }
      <div class="transforms">
        ${transforms.map((t, i) => this.#renderTransform(t, i))}
        <div class="transform">
          <label for="add-transform">Add transform</label>
          <select id="add-transform" @change=${(e: Event) => {
            const select = e.target as HTMLSelectElement;
            const template = newTransform[select.value];
            select.value = '';
            if (template) this.#setTransforms([...transforms, { ...template }]);
          }}>
            <option value="" selected>choose…</option>
            ${Object.keys(newTransform).map((op) => html`<option value=${op}>${op}</option>`)}
          </select>
        </div>
      </div>`;
  }
}

customElements.define('cb-image-editor', CbImageEditor);

declare global {
  interface HTMLElementTagNameMap {
    'cb-image-editor': CbImageEditor;
  }
}

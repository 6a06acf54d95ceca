import { chooseScale } from '@convbook/cells';
import { html, LitElement, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { controlStyles } from '../../app-styles/shared-styles';
import { ModalFocus } from '../../controllers/modal-focus';
import { formatAmong, formatValue } from '../../format/format-number';
import { type ColourScale, planeRgba, putPlane } from '../../paint/plane-rgba';
import { mapZoomStyles } from './cb-map-zoom.styles';
import { numberFont, zoomsToFit } from './zoom-fit';

/** One 2-D plane to enlarge: a kernel slice, a feature-map channel, an image channel. */
export interface ZoomPlane {
  readonly label: string;
  readonly values: ArrayLike<number>;
  readonly height: number;
  readonly width: number;
  /** The colour scale the notebook used for it, so the enlargement matches; chosen from the values if absent. */
  readonly scale?: ColourScale;
}

const GAP = 24;
/** Room the dialog keeps for its padding, heading and legend. */
const CHROME = { width: 64, height: 200 };

/**
 * An enlarged view of one or more planes side by side (a kernel next to the map it makes), scaled
 * nearest-neighbour to fit the window's width, with the values written on the cells of small maps and a
 * legend per plane. A modal dialog: Escape or the Close button closes it and focus returns to whatever
 * opened it.
 *
 * @fires close - the dialog closed.
 */
export class CbMapZoom extends LitElement {
  static override styles = [controlStyles, mapZoomStyles];
  static override properties = {
    heading: { type: String },
    planes: { attribute: false },
    zooms: { state: true },
  };

  /** The dialog's title, e.g. "Convolution 'Edges': kernel and feature map". */
  declare heading: string;
  declare planes: readonly ZoomPlane[];
  declare private zooms: readonly number[];

  readonly #focus = new ModalFocus();

  constructor() {
    super();
    this.heading = 'Enlarged map';
    this.planes = [];
    this.zooms = [];
  }

  get open(): boolean {
    return this.#dialog?.open ?? false;
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Opens the dialog sized to the window; focus returns to the current element on close. */
  async show(): Promise<void> {
    this.#focus.remember();
    this.zooms = zoomsToFit(
      this.planes,
      Math.min(window.innerWidth, 1600) - CHROME.width,
      Math.max(120, window.innerHeight - CHROME.height),
      GAP,
    );
    await this.updateComplete;
    const dialog = this.#dialog;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    this.#paint();
    this.renderRoot.querySelector<HTMLButtonElement>('button.close')?.focus();
  }

  close(): void {
    this.#dialog?.close();
  }

  #onClose(): void {
    this.#focus.restore();
    this.dispatchEvent(new Event('close'));
  }

  /** Escape closes at once (not left to the browser, which may ignore repeated close requests). */
  #onKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.close();
  }

  #paint(): void {
    const canvases = this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas');
    this.planes.forEach((plane, i) => {
      putPlane(
        canvases[i] ?? null,
        planeRgba(plane.values, 0, plane.height, plane.width, this.#scaleOf(plane)),
        plane.width,
        plane.height,
      );
    });
  }

  #scaleOf(plane: ZoomPlane): ColourScale {
    return plane.scale ?? chooseScale(Float32Array.from(plane.values), 'auto');
  }

  #renderPlane(plane: ZoomPlane, zoom: number) {
    const size = { width: `${plane.width * zoom}px`, height: `${plane.height * zoom}px` };
    const font = numberFont(plane, zoom);
    const scale = this.#scaleOf(plane);
    const extent = Math.max(Math.abs(scale.min), Math.abs(scale.max));
    return html`<figure>
      <figcaption>${plane.label} <span class="mono">${plane.height}×${plane.width}</span></figcaption>
      <div class="plane" style=${styleMap(size)}>
        <canvas class=${zoom < 1 ? 'smooth' : ''} width=${plane.width} height=${plane.height} style=${styleMap(size)}
          role="img" aria-label=${`${plane.label}, ${plane.height}×${plane.width}, enlarged`}></canvas>
        ${font === undefined ? nothing : this.#renderNumbers(plane, zoom, font, scale)}
      </div>
      <div class="legend" aria-label=${`colour scale from ${formatValue(scale.min)} to ${formatValue(scale.max)}`} role="img">
        <span class="bar ${scale.kind}"></span>
        <span class="mono">${formatAmong(scale.min, extent)}</span>
        <span class="mono">${scale.kind === 'diverging' ? '0' : ''}</span>
        <span class="mono">${formatAmong(scale.max, extent)}</span>
      </div>
    </figure>`;
  }

  #renderNumbers(plane: ZoomPlane, zoom: number, font: number, scale: ColourScale) {
    const rgba = planeRgba(plane.values, 0, plane.height, plane.width, scale);
    const style = {
      gridTemplateColumns: `repeat(${plane.width}, ${zoom}px)`,
      gridAutoRows: `${zoom}px`,
      fontSize: `${font}px`,
    };
    const extent = Math.max(Math.abs(scale.min), Math.abs(scale.max));
    return html`<div class="numbers" style=${styleMap(style)}>
      ${Array.from({ length: plane.height * plane.width }, (_, i) => {
        const light =
          0.299 * (rgba[i * 4] ?? 0) + 0.587 * (rgba[i * 4 + 1] ?? 0) + 0.114 * (rgba[i * 4 + 2] ?? 0) > 140;
        return html`<span class=${light ? 'light' : 'dark'}>${formatAmong(plane.values[i] ?? Number.NaN, extent)}</span>`;
      })}
    </div>`;
  }

  override render() {
    return html`<dialog aria-labelledby="heading" @close=${() => this.#onClose()} @keydown=${(e: KeyboardEvent) => this.#onKey(e)}>
      <header>
        <h2 id="heading">${this.heading}</h2>
        <button class="close" @click=${() => this.close()}>Close <span class="key" aria-hidden="true">Esc</span></button>
      </header>
      <div class="planes">${this.planes.map((plane, i) => this.#renderPlane(plane, this.zooms[i] ?? 1))}</div>
    </dialog>`;
  }
}

customElements.define('cb-map-zoom', CbMapZoom);

declare global {
  interface HTMLElementTagNameMap {
    'cb-map-zoom': CbMapZoom;
  }
}

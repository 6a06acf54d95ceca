import { divergingColour, grayColour, scaleFromRange } from '@convbook/cells';
import type { Tensor } from '@convbook/core';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { controlStyles } from '../../app-styles/shared-styles';
import { FeatureMapHoverEvent } from '../../events/feature-map-hover';
import { formatAmong, formatValue } from '../../format/format-number';
import { paintQueue } from '../../paint/slice-queue';
import { announcePaint } from './announce-paint';
import { featureMapStyles } from './cb-feature-map.styles';
import { indexAxisTicks } from './index-axis';
import { type MapSummary, measureSteps, summaryNow } from './map-summary';
import type { ColourScale } from './paint-plane';
import { paintSize } from './paint-size';
import { isCurrent, type PaintTarget, paintSteps } from './paint-steps';
import { type PixelBox, type PlaneGeometry, pixelAt, planeGeometry } from './plane-geometry';
import { percent, tileSizes } from './tile-layout';

/** A tensor drawn with a colour scale (`look`: kind, min and max). */
interface Drawing {
  readonly tensor: Tensor;
  readonly look: string;
}

interface Probe {
  readonly channel: number;
  readonly y: number;
  readonly x: number;
}

/**
 * A feature map (or image): one canvas per channel, zoomed nearest-neighbour, with a colour legend. Measuring
 * (map-summary.ts) and painting (paint-steps.ts) are steps in the page's paint queue (paint/slice-queue.ts),
 * which runs them a few milliseconds per task, so no main-thread task comes near 50 ms however big the map
 * (a 4096² photo is painted at its on-screen size, paint-size.ts) or however many maps change at once.
 * Hovering (or arrow keys on a focused tile) shows a pixel's value and announces it so the notebook can
 * highlight the pixel's receptive field upstream; `highlight` draws such a box on this map.
 *
 * Benchmark hook: after drawing a newly arrived tensor it fires `cb-painted` on `window` with
 * `{ cellId, version }` and marks `cb-painted:<cellId>` on the performance timeline (see announce-paint.ts).
 *
 * @fires feature-map-hover - the probed pixel, or null when the pointer leaves.
 */
export class CbFeatureMap extends LitElement {
  static override styles = [controlStyles, featureMapStyles];
  static override properties = {
    tensor: { attribute: false },
    label: { type: String },
    cellId: { type: String, attribute: 'cell-id' },
    version: { type: Number },
    scale: { type: String },
    highlight: { attribute: false },
    maxChannels: { type: Number, attribute: 'max-channels' },
    composite: { type: Boolean },
    bankChannels: { type: Number, attribute: 'bank-channels' },
    planeOffset: { type: Number, attribute: 'plane-offset' },
    probe: { state: true },
  };

  /** The map, [C, H, W] or [H, W]. */
  declare tensor: Tensor | undefined;
  /** Names the map in accessible labels, e.g. "conv1 output". */
  declare label: string;
  declare cellId: string;
  /** The cell state version this tensor came from (null for a local draft), reported in `cb-painted`. */
  declare version: number | null;
  /** 'auto' picks gray for images in [0, 1] and the diverging map when anything is negative. */
  declare scale: 'auto' | 'gray' | 'diverging';
  /** A receptive field (map pixels, inclusive) to outline on every channel. */
  declare highlight: PixelBox | null;
  declare maxChannels: number;
  /** For a 3-channel image in [0, 1], also show the channels combined as a colour picture. */
  declare composite: boolean;
  /** For a kernel bank drawn as O·C planes: C, so tiles read "kernel k, channel c" (0: plain channels). */
  declare bankChannels: number;
  /** When the tensor is a page of a bigger bank: the bank index of its first plane, for the tile names. */
  declare planeOffset: number;
  declare private probe: Probe | null;

  /**
   * The tensor whose tiles are on screen: the latest one whose summary is known. A new tensor too big to
   * measure at once keeps the previous tiles up (no flash of "Drawing…") until it is measured.
   */
  #shown: Tensor | undefined;
  /** The tensor and scale last drawn completely, and those the paint job in the queue is drawing. */
  #drawn: Drawing | undefined;
  #painting: Drawing | undefined;

  constructor() {
    super();
    this.tensor = undefined;
    this.label = 'map';
    this.cellId = '';
    this.version = null;
    this.scale = 'auto';
    this.highlight = null;
    this.maxChannels = 16;
    this.composite = false;
    this.bankChannels = 0;
    this.planeOffset = 0;
    this.probe = null;
  }

  get #geometry(): PlaneGeometry | undefined {
    return this.#shown ? planeGeometry(this.#shown.shape) : undefined;
  }

  /** Min, max and NaN counts of the shown map and each plane (always measured by the time it is shown). */
  get #summary(): MapSummary | undefined {
    const tensor = this.#shown;
    const geometry = this.#geometry;
    return tensor && geometry ? summaryNow(tensor.data, geometry.height * geometry.width) : undefined;
  }

  get #colourScale(): ColourScale | undefined {
    const summary = this.#summary;
    return summary ? scaleFromRange(summary.min, summary.max, this.scale) : undefined;
  }

  /** A new tensor is measured first (at once when small, else in the paint queue's slices). */
  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('tensor')) return;
    const tensor = this.tensor;
    this.#painting = undefined;
    if (!tensor) {
      this.#shown = undefined;
      paintQueue.cancel(this);
      return;
    }
    const { height, width } = planeGeometry(tensor.shape);
    const planeSize = height * width;
    if (summaryNow(tensor.data, planeSize)) this.#shown = tensor;
    else paintQueue.run(this, this.#measure(tensor, planeSize, this.#shown?.data));
  }

  *#measure(tensor: Tensor, planeSize: number, previous: Float32Array | undefined): Generator<void, void> {
    yield* measureSteps(tensor.data, planeSize, previous);
    if (this.tensor !== tensor) return;
    this.#shown = tensor;
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page: canvases skipped while detached get painted.
    if (this.hasUpdated) this.requestUpdate();
  }

  override updated(): void {
    const tensor = this.#shown;
    const geometry = this.#geometry;
    const scale = this.#colourScale;
    // While a newer tensor is being measured its job must not be replaced by a paint of the shown one.
    if (!tensor || tensor !== this.tensor || !geometry || !scale) return;
    const target = { data: tensor.data, geometry, scale };
    const look = `${scale.kind}:${scale.min}:${scale.max}`;
    if (this.#painting?.tensor === tensor && this.#painting.look === look && paintQueue.has(this)) return;
    const canvases = [...this.renderRoot.querySelectorAll('canvas')];
    const fresh = this.#drawn?.tensor !== tensor || this.#drawn.look !== look;
    if (!fresh && canvases.every((canvas) => isCurrent(canvas, target))) return;
    this.#painting = { tensor, look };
    paintQueue.run(this, this.#paint(canvases, target, fresh));
  }

  /** Paints the canvases in the queue's slices; announces a newly drawn tensor (or scale) once all are. */
  *#paint(canvases: HTMLCanvasElement[], target: PaintTarget, fresh: boolean): Generator<void, void> {
    const painting = this.#painting;
    const version = this.version;
    yield* paintSteps(canvases, target);
    // Canvases a re-render added meanwhile (more channels shown) are painted too; the rest are current.
    yield* paintSteps([...this.renderRoot.querySelectorAll('canvas')], target);
    if (this.#painting === painting) this.#painting = undefined;
    this.#drawn = painting;
    if (fresh) announcePaint(this.cellId, version);
  }

  #setProbe(probe: Probe | null): void {
    const before = this.probe;
    if (before?.channel === probe?.channel && before?.y === probe?.y && before?.x === probe?.x) return;
    this.probe = probe;
    if (before?.y !== probe?.y || before?.x !== probe?.x || !probe !== !before) {
      this.dispatchEvent(new FeatureMapHoverEvent(this.cellId, probe ? { y: probe.y, x: probe.x } : null));
    }
  }

  #onPointerMove(event: PointerEvent, channel: number): void {
    const geometry = this.#geometry;
    if (!geometry) return;
    // The tile may be drawn narrower than its nominal size (a strip in a phone-width card): scale back.
    const canvas = event.currentTarget as HTMLCanvasElement;
    const scale = canvas.clientWidth > 0 ? (geometry.width * geometry.zoomX) / canvas.clientWidth : 1;
    const pixel = pixelAt(geometry, event.offsetX * scale, event.offsetY * scale);
    this.#setProbe(pixel ? { channel, ...pixel } : null);
  }

  #onKeyDown(event: KeyboardEvent, channel: number): void {
    const geometry = this.#geometry;
    if (!geometry) return;
    const step: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    if (event.key === 'Escape') {
      this.#setProbe(null);
      return;
    }
    const delta = step[event.key];
    if (!delta) return;
    event.preventDefault();
    const from = this.probe?.channel === channel ? this.probe : { channel, y: 0, x: 0 };
    const y = Math.min(geometry.height - 1, Math.max(0, from.y + (this.probe ? delta[0] : 0)));
    const x = Math.min(geometry.width - 1, Math.max(0, from.x + (this.probe ? delta[1] : 0)));
    this.#setProbe({ channel, y, x });
  }

  #ariaLabel(channel: number, geometry: PlaneGeometry, summary: MapSummary): string {
    const range = summary.planes[channel] ?? { min: Number.NaN, max: Number.NaN, nonFinite: 0 };
    const nan = range.nonFinite > 0 ? `, ${range.nonFinite} not-a-number pixels` : '';
    return `${this.label}, ${this.#planeName(channel)}, ${geometry.height}×${geometry.width}, min ${plainNumber(range.min)}, max ${plainNumber(range.max)}${nan}`;
  }

  #planeName(pagePlane: number): string {
    const plane = pagePlane + this.planeOffset;
    const perKernel = this.bankChannels;
    if (perKernel <= 0) return `channel ${plane + 1}`;
    if (perKernel === 1) return `kernel ${plane + 1}`;
    return `kernel ${Math.floor(plane / perKernel) + 1}, channel ${(plane % perKernel) + 1}`;
  }

  #renderTile(channel: number, geometry: PlaneGeometry, summary: MapSummary) {
    const tensor = this.#shown as Tensor;
    const painted = paintSize(geometry);
    const { tile, canvas } = tileSizes(geometry);
    const probe = this.probe?.channel === channel ? this.probe : null;
    const highlight = this.highlight;
    const planeSize = geometry.height * geometry.width;
    const value = probe ? tensor.data[channel * planeSize + probe.y * geometry.width + probe.x] : undefined;
    const channels = geometry.channels;
    const ticks = indexAxisTicks(tensor.shape);
    return html`<figure>
      <div class="tile" style=${styleMap(tile)}>
        <canvas
          class=${geometry.zoomX < 1 ? 'smooth' : ''}
          role="img"
          tabindex="0"
          aria-label=${this.#ariaLabel(channel, geometry, summary)}
          data-channel=${channel}
          width=${painted.width}
          height=${painted.height}
          style=${styleMap(canvas)}
          @pointermove=${(e: PointerEvent) => this.#onPointerMove(e, channel)}
          @pointerleave=${() => this.#setProbe(null)}
          @keydown=${(e: KeyboardEvent) => this.#onKeyDown(e, channel)}
          @blur=${() => this.#setProbe(null)}
        ></canvas>
        ${highlight ? this.#renderBox(highlight, geometry, 'box') : nothing}
        ${probe ? this.#renderBox({ top: probe.y, left: probe.x, bottom: probe.y, right: probe.x }, geometry, 'box probe') : nothing}
        ${
          probe && value !== undefined
            ? html`<div
                class="tooltip"
                aria-live="polite"
                style=${styleMap({ left: percent(probe.x + 0.5, geometry.width), top: percent(probe.y, geometry.height) })}
              >
                ${ticks.length > 0 ? `index ${probe.x}` : `(${probe.y + 1}, ${probe.x + 1})`} =
                ${formatAmong(value, this.#extent, 4)}
              </div>`
            : nothing
        }
      </div>
      ${ticks.length > 0 ? this.#renderIndexAxis(ticks, geometry) : nothing}
      ${channels > 1 ? html`<figcaption>${this.#planeName(channel)}</figcaption>` : nothing}
    </figure>`;
  }

  /** Whether to add the colour tile: an RGB picture whose values are all in [0, 1]. */
  get #showsComposite(): boolean {
    const tensor = this.#shown;
    const scale = this.#colourScale;
    return (
      this.composite &&
      tensor?.rank === 3 &&
      tensor.shape[0] === 3 &&
      scale?.kind === 'gray' &&
      scale.min === 0 &&
      scale.max === 1
    );
  }

  #renderComposite(geometry: PlaneGeometry) {
    const { tile, canvas } = tileSizes(geometry);
    const painted = paintSize(geometry);
    return html`<figure>
      <div class="tile" style=${styleMap(tile)}>
        <canvas class=${geometry.zoomX < 1 ? 'smooth' : ''} role="img" data-channel="-1"
          aria-label=${`${this.label}, colour picture, ${geometry.height}×${geometry.width}`}
          width=${painted.width} height=${painted.height} style=${styleMap(canvas)}></canvas>
      </div>
      <figcaption>colour</figcaption>
    </figure>`;
  }

  /** Each element's index under a short strip (index-axis.ts), centred on its column. */
  #renderIndexAxis(ticks: readonly number[], geometry: PlaneGeometry) {
    return html`<div class="index-axis" aria-hidden="true" style=${styleMap(tileSizes(geometry).tile)}>
      ${ticks.map((i) => html`<span style=${styleMap({ left: percent(i + 0.5, geometry.width) })}>${i}</span>`)}
    </div>`;
  }

  #renderBox(box: PixelBox, geometry: PlaneGeometry, className: string) {
    const style = {
      left: `calc(${percent(box.left, geometry.width)} - 1px)`,
      top: `calc(${percent(box.top, geometry.height)} - 1px)`,
      width: `calc(${percent(box.right - box.left + 1, geometry.width)} + 2px)`,
      height: `calc(${percent(box.bottom - box.top + 1, geometry.height)} + 2px)`,
    };
    return html`<div class=${className} style=${styleMap(style)}></div>`;
  }

  /** The largest magnitude the colour scale spans: values far below it are float noise and read as 0. */
  get #extent(): number {
    const scale = this.#colourScale;
    return scale ? Math.max(Math.abs(scale.min), Math.abs(scale.max)) : 0;
  }

  #renderLegend(scale: ColourScale, nonFinite: number) {
    const extent = this.#extent;
    if (scale.min === scale.max) return this.#renderFlatLegend(scale, nonFinite);
    return html`<div class="legend" aria-hidden="true">
        <div class="bar ${scale.kind}"></div>
        <span class="min">${formatAmong(scale.min, extent)}</span>
        <span class="zero">${scale.kind === 'diverging' ? '0' : ''}</span>
        <span class="max">${formatAmong(scale.max, extent)}</span>
      </div>
      ${this.#renderNonFinite(nonFinite)}`;
  }

  /**
   * A map whose finite values are all one number has no range to draw a colour bar for (its ends would read
   * "3.56 … 3.56"): the legend is then that one colour and that number.
   */
  #renderFlatLegend(scale: ColourScale, nonFinite: number) {
    // No finite value at all (a diverged run's NaN gradient): there is no value to name, only the NaNs.
    const summary = this.#summary;
    if (summary !== undefined && !(summary.min <= summary.max)) return this.#renderNonFinite(nonFinite);
    const [red, green, blue] =
      scale.kind === 'diverging'
        ? divergingColour(scale.min, 0)
        : grayColour(scale.min, scale.min, scale.max);
    const colour = { background: `rgb(${red}, ${green}, ${blue})` };
    return html`<p class="legend-flat">
        <span class="flat-swatch" style=${styleMap(colour)}></span>
        ${nonFinite > 0 ? 'every other value is' : 'every value is'} ${formatValue(scale.min, 4)}
      </p>
      ${this.#renderNonFinite(nonFinite)}`;
  }

  #renderNonFinite(nonFinite: number) {
    return nonFinite > 0
      ? html`<p class="note nan"><span class="swatch"></span> ${nonFinite} pixels are NaN or infinite (magenta)</p>`
      : nothing;
  }

  override render() {
    const arriving = this.tensor;
    if (!arriving) return html`<p class="note">No map yet.</p>`;
    const tensor = this.#shown;
    const geometry = this.#geometry;
    const summary = this.#summary;
    const scale = this.#colourScale;
    if (!tensor || !geometry || !summary || !scale)
      return html`<p class="note" role="status">Drawing the ${arriving.shape.join('×')} map…</p>`;
    if (tensor.size === 0) return html`<p class="note">The map is empty (${tensor.shape.join('×')}).</p>`;
    const shown = Math.min(geometry.channels, this.maxChannels);
    const nonFinite = summary.nonFinite;
    return html`<div class="tiles">
        ${this.#showsComposite ? this.#renderComposite(geometry) : nothing}
        ${Array.from({ length: shown }, (_, c) => this.#renderTile(c, geometry, summary))}
      </div>
      ${shown < geometry.channels ? html`<p class="note">Showing ${shown} of ${geometry.channels} channels.</p>` : nothing}
      ${this.#renderLegend(scale, nonFinite)}`;
  }
}

/** Numbers in accessible labels: three significant digits with an ASCII minus, so tests and readers agree. */
function plainNumber(value: number): string {
  if (Number.isNaN(value)) return 'none';
  return String(Number(value.toPrecision(3)));
}

customElements.define('cb-feature-map', CbFeatureMap);

declare global {
  interface HTMLElementTagNameMap {
    'cb-feature-map': CbFeatureMap;
  }
}

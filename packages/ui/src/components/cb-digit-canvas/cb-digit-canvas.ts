import { decodeDigitPixels, encodeDigitPixels, preprocessDigit } from '@convbook/cells';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { controlStyles } from '../../app-styles/shared-styles';
import { DigitDrawEvent } from '../../events/train-events';
import { paintDigit } from '../cb-digits-grid/paint-digit';
import { emptyInk, INK_SIDE, inkFromDigit, movePen, paintSegment, toGrid } from './ink-grid';

/** While a stroke goes on, the picture is sent at most this often, so the maps downstream follow the pen. */
const LIVE_EMIT_MS = 120;

/**
 * Draw a digit with mouse, pen or finger (pointer events, one pointer at a time), or with the keyboard:
 * arrow keys move the pen, holding Space (or toggling with Enter) draws while it moves. After each stroke
 * the ink is fitted the MNIST way and a `digit-draw` event carries the 28×28 picture. Clear empties it.
 */
export class CbDigitCanvas extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .row {
        display: flex;
        gap: var(--cb-space-3);
        align-items: flex-start;
        flex-wrap: wrap;
      }
      .pad {
        width: 280px;
        height: 280px;
        touch-action: none;
        cursor: crosshair;
        border: 1px solid var(--cb-border-strong);
        border-radius: var(--cb-radius-small);
        background: #fff;
      }
      .pad:focus-visible {
        outline: 3px solid var(--cb-focus);
        outline-offset: 2px;
      }
      .preview {
        width: 84px;
        height: 84px;
        image-rendering: pixelated;
        border: 1px solid var(--cb-border);
      }
      .hint {
        font-size: 12px;
        color: var(--cb-text-muted);
        max-width: 280px;
      }
    `,
  ];
  static override properties = {
    cellId: { type: String, attribute: 'cell-id' },
    label: { type: String },
    pixels: { type: String },
  };

  declare cellId: string;
  declare label: string;
  /** The cell's stored picture (base64, as in its `pixels` param): shown on the pad when the page opens. */
  declare pixels: string;
  /** The last picture this pad sent, so its own echo does not repaint the pad. */
  private sent = '';
  private lastEmit = 0;
  private ink = emptyInk();
  private last: [number, number] | undefined;
  private pointer: number | undefined;
  private pen: [number, number] = [INK_SIDE / 2, INK_SIDE / 2];
  private penDown = false;

  constructor() {
    super();
    this.cellId = '';
    this.label = 'drawn digit';
    this.pixels = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('pixels') || this.pixels === this.sent) return;
    // A stored drawing (a reopened notebook, undo): put it on the pad, scaled up, so more strokes add to it.
    let image: Float32Array | undefined;
    try {
      image = this.pixels === '' ? undefined : decodeDigitPixels(this.pixels);
    } catch {
      image = undefined; // the cell itself reports a broken picture
    }
    this.ink = image === undefined ? emptyInk() : inkFromDigit(image);
    this.sent = this.pixels;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('pixels')) return;
    this.repaint();
    const preview = this.renderRoot.querySelector<HTMLCanvasElement>('.preview');
    if (preview === null) return;
    let image: Float32Array = new Float32Array(28 * 28);
    try {
      if (this.pixels !== '') image = decodeDigitPixels(this.pixels);
    } catch {
      // shown blank; the cell reports the problem
    }
    paintDigit(preview, image, 28);
  }

  override render() {
    return html`<div class="row">
        <canvas class="pad" width=${INK_SIDE} height=${INK_SIDE} tabindex="0" role="img"
          aria-label=${`${this.label}: drawing area. Arrow keys move the pen; hold Space or press Enter to draw.`}
          @pointerdown=${this.onDown} @pointermove=${this.onMove} @pointerup=${this.onUp} @pointercancel=${this.onUp}
          @keydown=${this.onKeyDown} @keyup=${this.onKeyUp} @focus=${this.onFocus} @blur=${this.onFocus}></canvas>
        <div>
          <canvas class="preview" role="img" aria-label="what the network sees: 28 by 28"></canvas>
          <p class="hint">What the network sees: the ink fitted into 20×20 and centred by mass in 28×28, as MNIST was made.</p>
          <button @click=${this.clear}>Clear</button>
        </div>
      </div>`;
  }

  protected override firstUpdated(): void {
    this.repaint();
  }

  private get pad(): HTMLCanvasElement | null {
    return this.renderRoot.querySelector('.pad');
  }

  private readonly onDown = (event: PointerEvent): void => {
    if (this.pointer !== undefined) return;
    this.pointer = event.pointerId;
    this.pad?.setPointerCapture(event.pointerId);
    this.last = this.gridPoint(event);
    paintSegment(this.ink, ...this.last, ...this.last);
    this.repaint();
  };

  private readonly onMove = (event: PointerEvent): void => {
    if (event.pointerId !== this.pointer || this.last === undefined) return;
    // Coalesced events keep fast pen strokes smooth; not every browser has them.
    const events = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [event];
    for (const e of events.length > 0 ? events : [event]) {
      const point = this.gridPoint(e);
      paintSegment(this.ink, ...this.last, ...point);
      this.last = point;
    }
    this.repaint();
    if (event.timeStamp - this.lastEmit >= LIVE_EMIT_MS) this.emit(event.timeStamp);
  };

  private readonly onUp = (event: PointerEvent): void => {
    if (event.pointerId !== this.pointer) return;
    this.pointer = undefined;
    this.last = undefined;
    this.emit();
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      this.penDown = event.key === 'Enter' ? !this.penDown : true;
      if (this.penDown) paintSegment(this.ink, ...this.pen, ...this.pen);
      this.repaint();
      return;
    }
    const next = movePen(this.pen, event.key);
    if (next === undefined) return;
    event.preventDefault();
    if (this.penDown) paintSegment(this.ink, ...this.pen, ...next);
    this.pen = next;
    this.repaint();
  };

  private readonly onKeyUp = (event: KeyboardEvent): void => {
    if (event.key === ' ') {
      this.penDown = false;
      this.emit();
    } else if (this.penDown && event.key.startsWith('Arrow')) {
      this.emit();
    }
  };

  /** The keyboard pen is drawn only while the pad has focus. */
  private readonly onFocus = (): void => this.repaint();

  private readonly clear = (): void => {
    this.ink = emptyInk();
    this.repaint();
    this.emit();
  };

  private gridPoint(event: PointerEvent): [number, number] {
    const rect = (this.pad as HTMLCanvasElement).getBoundingClientRect();
    return toGrid(event.clientX - rect.left, event.clientY - rect.top, rect.width, rect.height);
  }

  private repaint(): void {
    const pad = this.pad;
    if (pad !== null) {
      paintDigit(pad, this.ink, INK_SIDE);
      const context = pad.getContext('2d');
      if (context !== null && this.shadowRoot?.activeElement === pad) {
        context.strokeStyle = '#2f5fd0';
        context.strokeRect(this.pen[0] - 2, this.pen[1] - 2, 4, 4);
      }
    }
  }

  private emit(now = performance.now()): void {
    this.lastEmit = now;
    const image = preprocessDigit(this.ink, INK_SIDE, INK_SIDE);
    const preview = this.renderRoot.querySelector<HTMLCanvasElement>('.preview');
    if (preview !== null) paintDigit(preview, image, 28);
    const pixels = encodeDigitPixels(image);
    if (pixels === this.sent && this.pointer !== undefined) return; // nothing new mid-stroke
    this.sent = pixels;
    this.dispatchEvent(new DigitDrawEvent(this.cellId, image, pixels));
  }
}

customElements.define('cb-digit-canvas', CbDigitCanvas);

declare global {
  interface HTMLElementTagNameMap {
    'cb-digit-canvas': CbDigitCanvas;
  }
}

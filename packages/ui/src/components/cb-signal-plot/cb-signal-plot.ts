import type { Tensor } from '@convbook/core';
import { html, LitElement, nothing, svg } from 'lit';
import { formatAmong } from '../../format/format-number';
import { plotLossCurve } from '../cb-grad-view/loss-curve';
import { signalPlotStyles } from './cb-signal-plot.styles';
import { probeSample } from './probe-sample';

/**
 * The plot's drawing box. On screen it stretches to the width available (up to WIDTH, the width of the
 * band drawn under it) while HEIGHT stays fixed; the strokes are non-scaling, so lines stay crisp.
 */
const WIDTH = 480;
const HEIGHT = 110;
/** The 1 px border on each side sits outside the drawing box, as it does on the band under the plot. */
const FULL_WIDTH = WIDTH + 2;

/** Whether a map is a 1-D signal (every plane one row tall), better read as a line than as a band. */
export function isSignal(tensor: Tensor): boolean {
  return tensor.rank >= 2 && tensor.shape.at(-2) === 1 && (tensor.shape.at(-1) ?? 0) > 1;
}

/**
 * A 1×N signal as a line plot, one per channel: peaks and the effect of smoothing are visible at a glance.
 * Hovering shows the sample's index and value.
 */
export class CbSignalPlot extends LitElement {
  static override styles = signalPlotStyles;
  static override properties = {
    tensor: { attribute: false },
    label: { type: String },
    probe: { state: true },
  };

  declare tensor: Tensor | undefined;
  declare label: string;
  declare private probe: number | undefined;

  constructor() {
    super();
    this.tensor = undefined;
    this.label = 'signal';
    this.probe = undefined;
  }

  #renderChannel(values: Float32Array, channel: number, channels: number) {
    const plot = plotLossCurve(Array.from(values), WIDTH, HEIGHT, false);
    const span = plot.max - plot.min;
    const extent = Math.max(Math.abs(plot.min), Math.abs(plot.max));
    const zeroY = plot.min < 0 && plot.max > 0 ? HEIGHT - ((0 - plot.min) / span) * HEIGHT : undefined;
    const step = values.length > 1 ? WIDTH / (values.length - 1) : WIDTH;
    const probe = this.probe;
    const name = `${this.label}${channels > 1 ? `, channel ${channel + 1}` : ''}`;
    return html`<figure style="width: ${FULL_WIDTH}px">
      <svg width="100%" height=${HEIGHT} viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" role="img"
        aria-label=${`${name}: line plot of ${values.length} samples, min ${formatAmong(plot.min, extent)}, max ${formatAmong(plot.max, extent)}`}
        @pointermove=${(e: PointerEvent) => {
          this.probe = sampleUnderPointer(e, values.length);
        }}
        @pointerleave=${() => {
          this.probe = undefined;
        }}>
        ${zeroY === undefined ? nothing : svg`<line class="zero" x1="0" x2=${WIDTH} y1=${zeroY} y2=${zeroY}></line>`}
        <polyline points=${plot.points}></polyline>
        ${probe === undefined ? nothing : svg`<line class="probe" x1=${probe * step} x2=${probe * step} y1="0" y2=${HEIGHT}></line>`}
      </svg>
      <figcaption>
        <span>${probe === undefined ? `${values.length} samples` : `x = ${probe + 1}: ${formatAmong(values[probe] ?? Number.NaN, extent, 4)}`}</span>
        <span>min ${formatAmong(plot.min, extent)} · max ${formatAmong(plot.max, extent)}</span>
      </figcaption>
    </figure>`;
  }

  override render() {
    const tensor = this.tensor;
    if (!tensor || !isSignal(tensor)) return nothing;
    const length = tensor.shape.at(-1) ?? 0;
    const channels = Math.round(tensor.size / length);
    return html`${Array.from({ length: Math.min(channels, 8) }, (_, c) =>
      this.#renderChannel(tensor.data.subarray(c * length, (c + 1) * length), c, channels),
    )}`;
  }
}

/** The sample nearest the pointer; the plot may be drawn narrower than its viewBox, so measure on screen. */
function sampleUnderPointer(event: PointerEvent, samples: number): number {
  const box = (event.currentTarget as Element).getBoundingClientRect();
  return probeSample(box.width > 0 ? (event.clientX - box.left) / box.width : 0, samples);
}

customElements.define('cb-signal-plot', CbSignalPlot);

declare global {
  interface HTMLElementTagNameMap {
    'cb-signal-plot': CbSignalPlot;
  }
}

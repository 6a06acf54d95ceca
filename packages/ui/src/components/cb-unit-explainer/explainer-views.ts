import { chooseScale } from '@convbook/cells';
import type { Tensor } from '@convbook/core';
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { formatValue } from '../../format/format-number';
import { MIN_CELL_FOR_NUMBERS, planeRgba } from '../../paint/plane-rgba';
import { boxStyle, type InputLayout, type MapLayout, mapLayout } from './explainer-layout';
import { gridOf } from './step-unit';

/** The explainer's pictures other than the map itself: numbers on the map, the input window, the field. */

/** An upstream picture with the selected unit's receptive field on it (inclusive pixel box). */
export interface ReceptiveFieldView {
  readonly tensor: Tensor;
  readonly box: {
    readonly top: number;
    readonly left: number;
    readonly bottom: number;
    readonly right: number;
  };
  readonly label: string;
}

/** Maps with at most this many units get their numbers written on them. */
const MAX_WRITTEN_UNITS = 400;

/** The map's own numbers written on its cells, when they are large enough to read; dark text on light. */
export function renderMapValues(
  output: Tensor,
  channel: number,
  zoom: number,
): TemplateResult | typeof nothing {
  const grid = gridOf(output.shape);
  const count = grid.height * grid.width;
  if (zoom < MIN_CELL_FOR_NUMBERS || count > MAX_WRITTEN_UNITS) return nothing;
  const offset = channel * count;
  const rgba = planeRgba(output.data, offset, grid.height, grid.width, chooseScale(output.data, 'auto'));
  const style = { gridTemplateColumns: `repeat(${grid.width}, ${zoom}px)`, gridAutoRows: `${zoom}px` };
  return html`<div class="value-grid" aria-hidden="true" style=${styleMap(style)}>
    ${Array.from({ length: count }, (_, i) => {
      const luminance =
        0.299 * (rgba[i * 4] ?? 0) + 0.587 * (rgba[i * 4 + 1] ?? 0) + 0.114 * (rgba[i * 4 + 2] ?? 0);
      const value = formatValue(output.data[offset + i] ?? Number.NaN, 3);
      return html`<span class=${luminance > 140 ? 'light' : 'dark'}>${value}</span>`;
    })}
  </div>`;
}

/** The input plane inside its hatched padding frame, the window outlined, and each tap when dilated. */
export function renderInputView(input: Tensor, channel: number, layout: InputLayout): TemplateResult {
  const { height, width, channels } = gridOf(input.shape);
  const padded = layout.frame.width > layout.image.width || layout.frame.height > layout.image.height;
  const caption = `Input ${height}×${width}${channels > 1 ? `, channel ${channel + 1} of ${channels}` : ''}${padded ? ', padding hatched' : ''}`;
  return html`<figure>
    <figcaption>${caption}</figcaption>
    <div class="plane" role="img" style=${styleMap(boxStyle(layout.frame))}
      aria-label=${`The window of the selected unit on the input${padded ? ', which is padded' : ''}`}>
      ${padded ? html`<div class="frame" style=${styleMap(boxStyle(layout.frame))}></div>` : nothing}
      <canvas class="input ${layout.zoom < 1 ? 'smooth' : ''}" width=${width} height=${height}
        style=${styleMap(boxStyle(layout.image))} aria-hidden="true"></canvas>
      ${layout.taps.map((tap) => html`<div class="tap" style=${styleMap(boxStyle(tap))}></div>`)}
      <div class="box" style=${styleMap(boxStyle(layout.window))}></div>
    </div>
  </figure>`;
}

/** The receptive field of the selected unit in an image further up, outlined (clipped by the caller). */
export function renderFieldView(field: ReceptiveFieldView): TemplateResult {
  const { height, width } = gridOf(field.tensor.shape);
  const layout = mapLayout(height, width, 0, 0);
  const z = layout.zoom;
  const { top, left, bottom, right } = field.box;
  const box = { left: left * z, top: top * z, width: (right - left + 1) * z, height: (bottom - top + 1) * z };
  const label = `Receptive field of the selected unit in ${field.label}: rows ${top + 1} to ${bottom + 1}, columns ${left + 1} to ${right + 1}`;
  return html`<figure>
    <figcaption>Receptive field in ${field.label}</figcaption>
    <div class="plane" role="img" aria-label=${label} style=${styleMap(boxStyle(layout.size))}>
      <canvas class="field ${z < 1 ? 'smooth' : ''}" width=${width} height=${height}
        style=${styleMap(boxStyle(layout.size))} aria-hidden="true"></canvas>
      <div class="box" style=${styleMap(boxStyle(box))}></div>
    </div>
  </figure>`;
}

/** The output map: focusable, clicked or arrowed to select a unit, its numbers on it when they fit. */
export function renderMapView(
  output: Tensor,
  channel: number,
  layout: MapLayout,
  ariaLabel: string,
  on: { readonly key: (event: KeyboardEvent) => void; readonly click: (event: MouseEvent) => void },
): TemplateResult {
  const grid = gridOf(output.shape);
  const which = grid.channels > 1 ? `, map ${channel + 1} of ${grid.channels}` : '';
  return html`<figure>
    <figcaption>Output ${grid.height}×${grid.width}${which}</figcaption>
    <div class="plane" tabindex="0" role="img" aria-label=${ariaLabel} style=${styleMap(boxStyle(layout.size))}
      @keydown=${on.key} @click=${on.click}>
      <canvas class="map ${layout.zoom < 1 ? 'smooth' : ''}" width=${grid.width} height=${grid.height}
        style=${styleMap(boxStyle(layout.size))} aria-hidden="true"></canvas>
      ${renderMapValues(output, channel, layout.zoom)}
      <div class="box" style=${styleMap(boxStyle(layout.unit))}></div>
    </div>
  </figure>`;
}

/** A labelled select of "1 of N" … "N of N" (which map, which input channel). */
export function renderIndexPicker(
  label: string,
  count: number,
  current: number,
  choose: (index: number) => void,
): TemplateResult {
  const id = `${label.replaceAll(' ', '-').toLowerCase()}-picker`;
  return html`<label for=${id}>${label}</label>
    <select id=${id} @change=${(e: Event) => choose(Number((e.target as HTMLSelectElement).value))}>
      ${Array.from({ length: count }, (_, i) => html`<option value=${i} ?selected=${i === current}>${i + 1} of ${count}</option>`)}
    </select>`;
}

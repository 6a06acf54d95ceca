import type { Tensor } from '@convbook/core';
import { drawText, GLYPH_HEIGHT, textWidth } from './bitmap-font';
import { divergingColour, grayColour, type Rgb, type ScaleKind } from './colormap';

/**
 * A tensor as an RGBA picture with no DOM: one tile per 2-D plane (per channel of [C, H, W]; per kernel and
 * channel of [O, C, kh, kw], a row per kernel), small planes blown up nearest-neighbour by whole factors so a
 * 3×4 map stays legible, and a legend strip with the scale's numbers. The UI paints it into a canvas, the
 * runner into a PNG.
 */
export interface RenderOptions {
  /** 'auto': gray for values in [0, 1], diverging when anything is negative, else gray over min–max. */
  readonly scale?: 'auto' | ScaleKind;
  /** Planes smaller than this many pixels on their longer side are upscaled towards it. */
  readonly tileSize?: number;
  /** No tile side is drawn shorter than this (a 1×N signal becomes a band, not a hairline). */
  readonly minTileSide?: number;
  readonly maxZoom?: number;
  readonly gap?: number;
  readonly legend?: boolean;
}

export interface RenderedImage {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
  readonly scale: { readonly min: number; readonly max: number; readonly kind: ScaleKind };
  /** Where the tiles are, so a caller can map a canvas pixel back to a tensor index. */
  readonly layout: TileLayout;
}

export interface TileLayout {
  readonly planes: number;
  readonly columns: number;
  readonly planeHeight: number;
  readonly planeWidth: number;
  readonly zoomY: number;
  readonly zoomX: number;
  readonly gap: number;
}

const BACKGROUND: Rgb = [232, 232, 232];
const INK: Rgb = [34, 34, 34];
const LEGEND_BAR_HEIGHT = 8;
const LEGEND_MIN_WIDTH = 96;

export function renderTensor(tensor: Tensor, options: RenderOptions = {}): RenderedImage {
  const { layout, scale, labels, width, height, tilesHeight } = planRender(tensor, options);
  const gap = layout.gap;
  const colour = (v: number): Rgb =>
    scale.kind === 'diverging' ? divergingColour(v, scale.max) : grayColour(v, scale.min, scale.max);
  const tileWidth = layout.planeWidth * layout.zoomX;
  const tileHeight = layout.planeHeight * layout.zoomY;

  const rgba = new Uint8ClampedArray(width * height * 4);
  const paint = (x: number, y: number, [r, g, b]: Rgb): void => {
    const at = (y * width + x) * 4;
    rgba[at] = r;
    rgba[at + 1] = g;
    rgba[at + 2] = b;
    rgba[at + 3] = 255;
  };
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) paint(x, y, BACKGROUND);

  const planeSize = layout.planeHeight * layout.planeWidth;
  for (let p = 0; p < layout.planes; p++) {
    const left = (p % layout.columns) * (tileWidth + gap);
    const top = Math.floor(p / layout.columns) * (tileHeight + gap);
    for (let y = 0; y < tileHeight; y++) {
      const row = Math.floor(y / layout.zoomY);
      for (let x = 0; x < tileWidth; x++) {
        const value = tensor.data[p * planeSize + row * layout.planeWidth + Math.floor(x / layout.zoomX)];
        paint(left + x, top + y, colour(value ?? Number.NaN));
      }
    }
  }

  if (options.legend !== false) {
    const barTop = tilesHeight + gap;
    for (let x = 0; x < width; x++) {
      const value = scale.min + ((scale.max - scale.min) * x) / Math.max(1, width - 1);
      for (let y = 0; y < LEGEND_BAR_HEIGHT; y++) paint(x, barTop + y, colour(value));
    }
    const textTop = barTop + LEGEND_BAR_HEIGHT + 2;
    for (const label of labels) {
      const labelWidth = textWidth(label.text, 1);
      const left = Math.round(Math.min(Math.max(0, label.at * width - labelWidth / 2), width - labelWidth));
      drawText(label.text, left, textTop, 1, (x, y) => {
        if (x >= 0 && x < width && y < height) paint(x, y, INK);
      });
    }
  }
  return { width, height, rgba, scale, layout };
}

/**
 * The picture's size before a pixel is allocated, so callers can hold it to a budget. It measures with a
 * placeholder scale: long legend labels can make a narrow picture some pixels wider, which a budget ignores.
 */
export function measureRender(
  tensor: Tensor,
  options: RenderOptions = {},
): { width: number; height: number } {
  const { width, height } = planRender(tensor, options, { min: 0, max: 1, kind: 'gray' });
  return { width, height };
}

function planRender(
  tensor: Tensor,
  options: RenderOptions,
  knownScale?: { min: number; max: number; kind: ScaleKind },
) {
  const gap = options.gap ?? 4;
  const layout = planLayout(tensor, options, gap);
  const scale = knownScale ?? chooseScale(tensor.data, options.scale ?? 'auto');
  const tileWidth = layout.planeWidth * layout.zoomX;
  const tileHeight = layout.planeHeight * layout.zoomY;
  const rows = Math.ceil(layout.planes / layout.columns);
  const tilesWidth = layout.columns * tileWidth + (layout.columns - 1) * gap;
  const tilesHeight = rows * tileHeight + (rows - 1) * gap;
  const labels = legendLabels(scale);
  const legendWidth = Math.max(
    LEGEND_MIN_WIDTH,
    labels.reduce((w, l) => w + textWidth(l.text, 1) + 6, 0),
  );
  const width = options.legend === false ? tilesWidth : Math.max(tilesWidth, legendWidth);
  const legendHeight = options.legend === false ? 0 : gap + LEGEND_BAR_HEIGHT + 2 + GLYPH_HEIGHT;
  return { layout, scale, labels, width, height: tilesHeight + legendHeight, tilesHeight };
}

function planLayout(tensor: Tensor, options: RenderOptions, gap: number): TileLayout {
  const shape = tensor.shape;
  const planeWidth = shape.at(-1) ?? 1;
  const planeHeight = shape.length >= 2 ? (shape.at(-2) ?? 1) : 1;
  const planes = Math.max(1, tensor.size / Math.max(1, planeWidth * planeHeight));
  const columns = shape.length === 4 ? (shape[1] ?? 1) : Math.max(1, Math.ceil(Math.sqrt(planes)));
  const tileSize = options.tileSize ?? 128;
  const maxZoom = options.maxZoom ?? 32;
  const minSide = options.minTileSide ?? 16;
  const zoom = Math.min(maxZoom, Math.max(1, Math.floor(tileSize / Math.max(planeHeight, planeWidth, 1))));
  return {
    planes,
    columns: Math.min(columns, planes),
    planeHeight,
    planeWidth,
    zoomY: Math.max(zoom, Math.ceil(minSide / Math.max(1, planeHeight))),
    // A one-row plane (a signal) gets twice the width budget: it is read along x only.
    zoomX: Math.max(
      zoom,
      Math.ceil(minSide / Math.max(1, planeWidth)),
      planeHeight === 1 && planeWidth > 1 ? Math.min(maxZoom, Math.floor((2 * tileSize) / planeWidth)) : 1,
    ),
    gap,
  };
}

/** The colour scale, from finite values only (NaN and ±Infinity are shown, not allowed to set the range). */
export function chooseScale(
  data: Float32Array,
  requested: 'auto' | ScaleKind,
): { min: number; max: number; kind: ScaleKind } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of data) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return scaleFromRange(min, max, requested);
}

/**
 * The colour scale from the finite values' min and max (min > max: there were none), for callers that
 * measured the data themselves, in slices, rather than in one pass.
 */
export function scaleFromRange(
  finiteMin: number,
  finiteMax: number,
  requested: 'auto' | ScaleKind,
): { min: number; max: number; kind: ScaleKind } {
  const [min, max] = finiteMin > finiteMax ? [0, 0] : [finiteMin, finiteMax];
  const kind = requested === 'auto' ? (min < 0 ? 'diverging' : 'gray') : requested;
  if (kind === 'diverging') {
    const maxAbs = Math.max(Math.abs(min), Math.abs(max));
    return { min: -maxAbs, max: maxAbs, kind };
  }
  if (requested === 'auto' && min >= 0 && max <= 1) return { min: 0, max: 1, kind };
  return { min, max, kind };
}

function legendLabels(scale: {
  min: number;
  max: number;
  kind: ScaleKind;
}): Array<{ text: string; at: number }> {
  const labels = [
    { text: formatLegendNumber(scale.min), at: 0 },
    { text: formatLegendNumber(scale.max), at: 1 },
  ];
  if (scale.kind === 'diverging') labels.push({ text: '0', at: 0.5 });
  return labels;
}

/** Three significant digits, exponent only when needed: 0.00123 → "0.00123", 123456 → "1.23E+5". */
export function formatLegendNumber(value: number): string {
  if (value === 0) return '0';
  const precise = Number(value.toPrecision(3));
  const plain = String(precise);
  return plain.length <= 8 ? plain : precise.toExponential(2).toUpperCase();
}

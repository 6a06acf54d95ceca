import type { CellUnitBreakdown } from '@convbook/cells';
import { fitZoom } from '../../paint/plane-rgba';

/**
 * Where things go in the explainer's two pictures, in CSS pixels: the output map with the selected unit,
 * and the input drawn with its padding frame, the window and (when dilated) each tap. Pure, so the
 * arithmetic is tested without a browser.
 */

export interface CssBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** Longest side of either picture; they sit side by side in a 420 px wide column. */
export const VIEW_SIDE = 180;
const MAX_ZOOM = 40;
/** A highlight is never drawn smaller than this, so one unit of a 1024×1024 map still shows. */
export const MIN_BOX = 8;

/** The box grown about its centre to at least `MIN_BOX` on each side. */
function visible(box: CssBox): CssBox {
  const width = Math.max(box.width, MIN_BOX);
  const height = Math.max(box.height, MIN_BOX);
  return {
    left: box.left - (width - box.width) / 2,
    top: box.top - (height - box.height) / 2,
    width,
    height,
  };
}

export interface MapLayout {
  readonly zoom: number;
  readonly size: CssBox;
  readonly unit: CssBox;
}

export function mapLayout(height: number, width: number, y: number, x: number): MapLayout {
  const zoom = fitZoom(height, width, VIEW_SIDE, MAX_ZOOM);
  return {
    zoom,
    size: { left: 0, top: 0, width: width * zoom, height: height * zoom },
    unit: visible({ left: x * zoom, top: y * zoom, width: zoom, height: zoom }),
  };
}

export interface InputLayout {
  readonly zoom: number;
  /** The padded frame; the image sits inside it at `image`. */
  readonly frame: CssBox;
  readonly image: CssBox;
  readonly window: CssBox;
  /** One box per tap of the selected input channel, only when the taps are spread apart (dilation). */
  readonly taps: readonly CssBox[];
}

export function inputLayout(breakdown: CellUnitBreakdown, height: number, width: number): InputLayout {
  const { pads, box } = breakdown;
  const paddedHeight = height + pads.top + pads.bottom;
  const paddedWidth = width + pads.left + pads.right;
  const zoom = fitZoom(paddedHeight, paddedWidth, VIEW_SIDE, MAX_ZOOM);
  const at = (row: number, col: number, rows = 1, cols = 1): CssBox => ({
    left: (col + pads.left) * zoom,
    top: (row + pads.top) * zoom,
    width: cols * zoom,
    height: rows * zoom,
  });
  const spread = breakdown.kind === 'conv' && (breakdown.dilation[0] > 1 || breakdown.dilation[1] > 1);
  const perChannel =
    breakdown.kind === 'conv' ? breakdown.taps.length / Math.max(1, breakdown.appliedKernel.length) : 0;
  const taps =
    spread && breakdown.kind === 'conv'
      ? breakdown.taps.slice(0, perChannel).map((t) => at(t.row, t.col))
      : [];
  return {
    zoom,
    frame: { left: 0, top: 0, width: paddedWidth * zoom, height: paddedHeight * zoom },
    image: at(0, 0, height, width),
    window: visible(at(box.top, box.left, box.bottom - box.top + 1, box.right - box.left + 1)),
    taps,
  };
}

/** A box as inline style values. */
export function boxStyle(box: CssBox): Record<string, string> {
  return { left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` };
}

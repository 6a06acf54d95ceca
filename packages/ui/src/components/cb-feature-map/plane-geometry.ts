/**
 * How a [C, H, W] (or [H, W]) map is laid out on screen: one tile per channel, each drawn at native
 * resolution and blown up by whole factors (nearest neighbour) so a 3×4 map is as legible as a 64×64 one;
 * only maps too big for the column (uploaded photos) are shrunk, by a fractional factor.
 */
export interface PlaneGeometry {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  readonly zoomY: number;
  readonly zoomX: number;
}

/** Target length in CSS pixels of a tile's longer side, and limits for its zoom. */
const TARGET_SIDE = 168;
/** Maps larger than this on screen (uploaded photos) are shown smaller, smoothly rather than pixelated. */
const MAX_SIDE = 288;
const SIGNAL_WIDTH = 480;
const MAX_ZOOM = 48;
/** A 1×N signal is drawn as a band at least this tall rather than a hairline. */
const MIN_SIDE = 18;

export function planeGeometry(shape: readonly number[]): PlaneGeometry {
  const width = shape.at(-1) ?? 1;
  const height = shape.length >= 2 ? (shape.at(-2) ?? 1) : 1;
  let channels = 1;
  for (const n of shape.slice(0, -2)) channels *= n;
  const longest = Math.max(height, width, 1);
  if (longest > (height === 1 ? SIGNAL_WIDTH : MAX_SIDE)) {
    const shrink = MAX_SIDE / longest;
    return { channels, height, width, zoomY: shrink, zoomX: shrink };
  }
  // A one-row signal gets a wider band, to line up with its line plot.
  const target = height === 1 ? SIGNAL_WIDTH : TARGET_SIDE;
  const zoom = Math.min(MAX_ZOOM, Math.max(1, Math.floor(target / longest)));
  return {
    channels,
    height,
    width,
    zoomY: Math.max(zoom, Math.ceil(MIN_SIDE / Math.max(1, height))),
    zoomX: Math.max(zoom, Math.ceil(MIN_SIDE / Math.max(1, width))),
  };
}

/** The map pixel under a point given in CSS pixels from the tile's top-left corner, or null outside. */
export function pixelAt(
  geometry: PlaneGeometry,
  offsetX: number,
  offsetY: number,
): { readonly y: number; readonly x: number } | null {
  const x = Math.floor(offsetX / geometry.zoomX);
  const y = Math.floor(offsetY / geometry.zoomY);
  if (x < 0 || y < 0 || x >= geometry.width || y >= geometry.height) return null;
  return { y, x };
}

/** Inclusive rectangle in map pixels (e.g. a receptive field), clipped to the map; null when fully outside. */
export interface PixelBox {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export function clipBox(box: PixelBox, height: number, width: number): PixelBox | null {
  const clipped = {
    top: Math.max(0, Math.floor(box.top)),
    left: Math.max(0, Math.floor(box.left)),
    bottom: Math.min(height - 1, Math.ceil(box.bottom)),
    right: Math.min(width - 1, Math.ceil(box.right)),
  };
  return clipped.top > clipped.bottom || clipped.left > clipped.right ? null : clipped;
}

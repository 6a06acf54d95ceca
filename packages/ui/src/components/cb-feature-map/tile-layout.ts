import type { PlaneGeometry } from './plane-geometry';

/**
 * A tile is as wide as its zoom says, or as its container allows when that is less (a 480-pixel strip in a
 * phone-width card): the canvas fills the tile's width and keeps the map's proportions, and everything drawn
 * over it (boxes, tooltip) is placed in percentages of the tile, so it scales along.
 */
export function tileSizes(geometry: PlaneGeometry): {
  tile: Record<string, string>;
  canvas: Record<string, string>;
} {
  const width = geometry.width * geometry.zoomX;
  const height = geometry.height * geometry.zoomY;
  // The tile's 1-pixel border is inside its width (border-box).
  return { tile: { width: `${width + 2}px` }, canvas: { 'aspect-ratio': `${width} / ${height}` } };
}

/** `part` of `whole` as a CSS percentage. */
export function percent(part: number, whole: number): string {
  return `${(100 * part) / Math.max(1, whole)}%`;
}

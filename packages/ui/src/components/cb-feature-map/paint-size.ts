import type { PlaneGeometry } from './plane-geometry';

/**
 * The canvas resolution of one tile. A map shown at or above its native size is painted at native size
 * (CSS blows it up, pixelated). A map shown smaller — a 4096² photo in a 288-pixel tile — is painted at
 * the tile's size in device pixels instead: a downsample of 0.6 million pixels rather than 16 million,
 * which is what kept the main thread busy for seconds.
 */
export const MAX_DEVICE_PIXEL_RATIO = 2;

export function paintSize(
  geometry: PlaneGeometry,
  devicePixelRatio = globalThis.devicePixelRatio ?? 1,
): { width: number; height: number } {
  const { width, height, zoomX, zoomY } = geometry;
  if (zoomX >= 1 && zoomY >= 1) return { width, height };
  const ratio = Math.min(MAX_DEVICE_PIXEL_RATIO, Math.max(1, devicePixelRatio));
  return {
    width: Math.max(1, Math.min(width, Math.ceil(width * zoomX * ratio))),
    height: Math.max(1, Math.min(height, Math.ceil(height * zoomY * ratio))),
  };
}

/** For each painted row (or column), the map row (column) it samples: the one under its centre. */
export function sampleIndices(native: number, painted: number): Int32Array {
  const indices = new Int32Array(painted);
  for (let i = 0; i < painted; i++)
    indices[i] = Math.min(native - 1, Math.floor(((i + 0.5) * native) / painted));
  return indices;
}

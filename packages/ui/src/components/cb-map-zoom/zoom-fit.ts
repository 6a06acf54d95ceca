/**
 * How large to draw enlarged maps: planes side by side share the available width equally, each blown up
 * by a whole factor (nearest neighbour) as far as its share and the height allow; a plane too big even at
 * 1× is shrunk by a fraction. Numbers are written on cells wide enough to hold them.
 */

export interface PlaneSize {
  readonly height: number;
  readonly width: number;
}

/** Largest zoom: a 1×1 map at 96 px per cell is already a poster. */
export const MAX_ZOOM = 96;
/** Cells at least this many CSS pixels wide get their value written on them. */
export const NUMBER_CELL = 30;
/** Planes with more cells than this are never numbered (the text would be noise). */
export const MAX_NUMBERED_CELLS = 1024;

export function zoomsToFit(
  planes: readonly PlaneSize[],
  availableWidth: number,
  availableHeight: number,
  gap: number,
): number[] {
  const count = Math.max(1, planes.length);
  const share = Math.max(1, (availableWidth - gap * (count - 1)) / count);
  return planes.map(({ height, width }) => {
    const fit = Math.min(share / Math.max(1, width), availableHeight / Math.max(1, height));
    return fit >= 1 ? Math.min(MAX_ZOOM, Math.floor(fit)) : fit;
  });
}

/** Whether a plane at `zoom` shows its numbers, and at what font size (px). */
export function numberFont(plane: PlaneSize, zoom: number): number | undefined {
  if (zoom < NUMBER_CELL || plane.height * plane.width > MAX_NUMBERED_CELLS) return undefined;
  return Math.round(Math.min(18, Math.max(11, zoom / 3.5)));
}

/**
 * The ink of the draw-a-digit canvas: a square grid of 0–1 values, finer than the 28×28 result so the
 * MNIST fitting (preprocessDigit) has detail to average. Strokes are round-brush segments; pointer and
 * keyboard drawing both end up here, so both can be tested without a DOM.
 */
export const INK_SIDE = 112;
/** Brush radius in grid cells: about MNIST's stroke width once the digit is fitted into 20×20. */
export const BRUSH_RADIUS = 5;

export function emptyInk(): Float32Array {
  return new Float32Array(INK_SIDE * INK_SIDE);
}

/** Paints a round brush along the segment (x0, y0) → (x1, y1), in grid coordinates; soft 1-cell edge. */
export function paintSegment(
  ink: Float32Array,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  radius = BRUSH_RADIUS,
): void {
  const length = Math.hypot(x1 - x0, y1 - y0);
  const steps = Math.max(1, Math.ceil(length / 0.5));
  for (let s = 0; s <= steps; s++) {
    const t = s / steps;
    dab(ink, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, radius);
  }
}

function dab(ink: Float32Array, cx: number, cy: number, radius: number): void {
  const reach = Math.ceil(radius + 1);
  for (let y = Math.max(0, Math.floor(cy - reach)); y <= Math.min(INK_SIDE - 1, Math.ceil(cy + reach)); y++) {
    for (
      let x = Math.max(0, Math.floor(cx - reach));
      x <= Math.min(INK_SIDE - 1, Math.ceil(cx + reach));
      x++
    ) {
      const distance = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      const value = Math.min(1, Math.max(0, radius + 0.5 - distance));
      const i = y * INK_SIDE + x;
      if (value > (ink[i] ?? 0)) ink[i] = value;
    }
  }
}

/** A client-space point on an element of size width × height → grid coordinates. */
export function toGrid(offsetX: number, offsetY: number, width: number, height: number): [number, number] {
  return [(offsetX / Math.max(width, 1)) * INK_SIDE, (offsetY / Math.max(height, 1)) * INK_SIDE];
}

/** Keyboard pen: arrow keys move it by `step` cells (clamped to the grid). */
export function movePen(pen: readonly [number, number], key: string, step = 4): [number, number] | undefined {
  const [x, y] = pen;
  const clamp = (v: number) => Math.min(INK_SIDE - 1, Math.max(0, v));
  switch (key) {
    case 'ArrowLeft':
      return [clamp(x - step), y];
    case 'ArrowRight':
      return [clamp(x + step), y];
    case 'ArrowUp':
      return [x, clamp(y - step)];
    case 'ArrowDown':
      return [x, clamp(y + step)];
    default:
      return undefined;
  }
}

/** A stored 28×28 picture scaled up onto the ink grid (each pixel a square of cells), to draw more on it. */
export function inkFromDigit(image: Float32Array, side = 28): Float32Array {
  const ink = emptyInk();
  const scale = INK_SIDE / side;
  for (let y = 0; y < INK_SIDE; y++) {
    for (let x = 0; x < INK_SIDE; x++) {
      ink[y * INK_SIDE + x] = image[Math.floor(y / scale) * side + Math.floor(x / scale)] ?? 0;
    }
  }
  return ink;
}

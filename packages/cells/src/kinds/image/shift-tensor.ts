import { formatShape, ShapeError, Tensor } from '@convbook/core';

/**
 * How a shift treats the edges. 'zeros': content moved past an edge is lost and zeros come in; 'circular':
 * it wraps round to the other side; 'grow': the canvas grows by |dx| columns and |dy| rows towards the
 * move, so nothing is lost and the old picture keeps its coordinates (the grown canvas holds both frames).
 */
export type ShiftMode = 'zeros' | 'circular' | 'grow';

export const SHIFT_MODES: readonly ShiftMode[] = ['zeros', 'circular', 'grow'];

/**
 * Moves the content of every plane of a [..., H, W] tensor right by dx and down by dy (negative: left, up).
 * Works on any tensor of rank ≥ 2 — images, feature maps, error maps — so conv(shift(x)) can be set beside
 * shift(conv(x)). Never mutates its input.
 */
export function shiftTensor(input: Tensor, dx: number, dy: number, mode: ShiftMode = 'zeros'): Tensor {
  if (input.rank < 2) {
    throw new ShapeError('shift', `expects at least rows and columns, got shape ${formatShape(input.shape)}`);
  }
  const height = input.shape.at(-2) ?? 1;
  const width = input.shape.at(-1) ?? 1;
  const planes = input.size / (height * width);
  const grow = mode === 'grow';
  const outHeight = grow ? height + Math.abs(dy) : height;
  const outWidth = grow ? width + Math.abs(dx) : width;
  // In a grown canvas the old frame starts at column max(−dx, 0): a move left adds columns on the left.
  const originX = grow ? Math.max(-dx, 0) : 0;
  const originY = grow ? Math.max(-dy, 0) : 0;
  const out = new Float32Array(planes * outHeight * outWidth);
  const wrap = (v: number, n: number): number => ((v % n) + n) % n;
  for (let p = 0; p < planes; p++) {
    for (let y = 0; y < outHeight; y++) {
      for (let x = 0; x < outWidth; x++) {
        let sy = y - originY - dy;
        let sx = x - originX - dx;
        if (mode === 'circular') {
          sy = wrap(sy, height);
          sx = wrap(sx, width);
        } else if (sy < 0 || sy >= height || sx < 0 || sx >= width) continue;
        out[(p * outHeight + y) * outWidth + x] = input.data[(p * height + sy) * width + sx] ?? 0;
      }
    }
  }
  return new Tensor([...input.shape.slice(0, -2), outHeight, outWidth], out);
}

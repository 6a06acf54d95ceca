/**
 * An image cell's typed-in `values` ([H][W] or [C][H][W]) as flat numbers, so one pixel can be replaced
 * and written back in the same nesting the author used (a 2-D literal stays 2-D in the document).
 */
export interface PixelLiteral {
  /** 2 when the document holds [H][W], 3 for [C][H][W]. */
  readonly rank: 2 | 3;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  /** Row-major, channel by channel. */
  readonly data: readonly number[];
}

/** Largest side (per channel) still edited as a grid of inputs; bigger literals are only drawn. */
export const MAX_EDITABLE_SIDE = 16;

/** Reads a rectangular literal of finite numbers; undefined for anything else (ragged, empty, deeper). */
export function readPixelLiteral(values: unknown): PixelLiteral | undefined {
  if (!Array.isArray(values) || values.length === 0) return undefined;
  const rank = values.every((row) => Array.isArray(row) && row.every((v) => typeof v === 'number')) ? 2 : 3;
  const planes: unknown[] = rank === 2 ? [values] : values;
  const first = planes[0];
  const height = Array.isArray(first) ? first.length : 0;
  const width = Array.isArray(first) && Array.isArray(first[0]) ? first[0].length : 0;
  if (height === 0 || width === 0) return undefined;
  const data: number[] = [];
  for (const plane of planes) {
    if (!Array.isArray(plane) || plane.length !== height) return undefined;
    for (const row of plane) {
      if (!Array.isArray(row) || row.length !== width) return undefined;
      for (const v of row) {
        if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
        data.push(v);
      }
    }
  }
  return { rank, channels: planes.length, height, width, data };
}

/** Whether a literal is small enough that one input per pixel stays usable. */
export function isEditableLiteral(literal: PixelLiteral): boolean {
  return literal.height <= MAX_EDITABLE_SIDE && literal.width <= MAX_EDITABLE_SIDE;
}

/** A copy with the pixel at flat `index` replaced. */
export function withPixel(literal: PixelLiteral, index: number, value: number): PixelLiteral {
  const data = [...literal.data];
  data[index] = value;
  return { ...literal, data };
}

/** A blank [H][W] literal: the starting point when a student switches an image to typed-in values. */
export function blankLiteral(height: number, width: number): PixelLiteral {
  return { rank: 2, channels: 1, height, width, data: Array<number>(height * width).fill(0) };
}

/** Grows or crops every channel to `height`×`width`, keeping the top-left pixels and filling with 0. */
export function resizeLiteral(literal: PixelLiteral, height: number, width: number): PixelLiteral {
  const data: number[] = [];
  for (let c = 0; c < literal.channels; c++)
    for (let i = 0; i < height; i++)
      for (let j = 0; j < width; j++)
        data.push(
          i < literal.height && j < literal.width
            ? (literal.data[(c * literal.height + i) * literal.width + j] ?? 0)
            : 0,
        );
  return { ...literal, height, width, data };
}

/** Back to the nesting the document used. */
export function valuesFromLiteral(literal: PixelLiteral): number[][] | number[][][] {
  const { channels, height, width, data } = literal;
  const plane = (c: number): number[][] =>
    Array.from({ length: height }, (_, i) =>
      Array.from({ length: width }, (_, j) => data[(c * height + i) * width + j] ?? 0),
    );
  if (literal.rank === 2) return plane(0);
  return Array.from({ length: channels }, (_, c) => plane(c));
}

/** Accessible name of one pixel input, 1-based; the channel is named only for [C][H][W] literals. */
export function pixelLabel(literal: PixelLiteral, channel: number, row: number, column: number): string {
  const cell = `pixel row ${row + 1}, column ${column + 1}`;
  return literal.rank === 3 ? `channel ${channel + 1}, ${cell}` : cell;
}

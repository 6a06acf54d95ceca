import { describe, expect, it } from 'vitest';
import {
  blankLiteral,
  isEditableLiteral,
  pixelLabel,
  readPixelLiteral,
  resizeLiteral,
  valuesFromLiteral,
  withPixel,
} from './pixel-literal';

describe('pixel literal', () => {
  it('reads the lecture 3×4 input as one plane and writes an edit back as [H][W]', () => {
    const lecture = [
      [1, 2, 0, 1],
      [0, 1, 3, 1],
      [2, 1, 0, 1],
    ];
    const literal = readPixelLiteral(lecture);
    expect(literal).toMatchObject({ rank: 2, channels: 1, height: 3, width: 4 });
    // Row 2, column 3 (1-based) is flat index 1·4 + 2 = 6: the 3 in the middle row.
    expect(literal?.data[6]).toBe(3);
    expect(valuesFromLiteral(withPixel(literal!, 6, -2))).toEqual([
      [1, 2, 0, 1],
      [0, 1, -2, 1],
      [2, 1, 0, 1],
    ]);
  });

  it('keeps [C][H][W] nesting and indexes channel planes one after another', () => {
    const rgb = [[[1, 2]], [[3, 4]], [[5, 6]]];
    const literal = readPixelLiteral(rgb);
    expect(literal).toMatchObject({ rank: 3, channels: 3, height: 1, width: 2 });
    expect(valuesFromLiteral(withPixel(literal!, 3, 9))).toEqual([[[1, 2]], [[3, 9]], [[5, 6]]]);
  });

  it('rejects ragged, empty, non-numeric and non-finite literals', () => {
    expect(readPixelLiteral([[1, 2], [3]])).toBeUndefined();
    expect(readPixelLiteral([])).toBeUndefined();
    expect(readPixelLiteral([[]])).toBeUndefined();
    expect(readPixelLiteral([[1, 'a']])).toBeUndefined();
    expect(readPixelLiteral([[1, Number.NaN]])).toBeUndefined();
    expect(readPixelLiteral([[[1, 2]], [[3]]])).toBeUndefined();
    expect(readPixelLiteral('1 2 3')).toBeUndefined();
  });

  it('edits up to 16×16 per channel and no larger', () => {
    const square = (side: number) => Array.from({ length: side }, () => Array<number>(side).fill(0));
    expect(isEditableLiteral(readPixelLiteral(square(16))!)).toBe(true);
    expect(isEditableLiteral(readPixelLiteral(square(17))!)).toBe(false);
  });

  it('grows with zeros and crops from the bottom-right, channel by channel', () => {
    const rgb = readPixelLiteral([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ]);
    expect(valuesFromLiteral(resizeLiteral(rgb!, 1, 3))).toEqual([[[1, 2, 0]], [[5, 6, 0]]]);
    expect(valuesFromLiteral(resizeLiteral(blankLiteral(1, 1), 2, 2))).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('names pixels 1-based, with the channel only for [C][H][W] literals', () => {
    expect(pixelLabel(readPixelLiteral([[0, 0]])!, 0, 0, 1)).toBe('pixel row 1, column 2');
    expect(pixelLabel(readPixelLiteral([[[0]], [[0]]])!, 1, 0, 0)).toBe('channel 2, pixel row 1, column 1');
  });
});

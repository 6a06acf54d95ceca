import { Tensor, tensor } from '@convbook/core';
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { divergingColour, grayColour, NAN_COLOUR } from './colormap';
import { encodeRenderedPng } from './encode-png';
import { chooseScale, formatLegendNumber, renderTensor } from './render-tensor';

const pixel = (image: { width: number; rgba: Uint8ClampedArray }, x: number, y: number): number[] => {
  const at = (y * image.width + x) * 4;
  return [...image.rgba.subarray(at, at + 3)];
};

describe('colour maps', () => {
  it('maps 0 to white and ±max to the two ends, symmetric in saturation', () => {
    expect(divergingColour(0, 2)).toEqual([247, 247, 247]);
    expect(divergingColour(2, 2)).toEqual([178, 24, 43]);
    expect(divergingColour(-5, 2)).toEqual([33, 102, 172]);
    const half = divergingColour(1, 2);
    const minusHalf = divergingColour(-1, 2);
    expect(Math.abs(247 - half[1] - (247 - 24) / 2)).toBeLessThanOrEqual(1);
    expect(Math.abs(247 - minusHalf[0] - (247 - 33) / 2)).toBeLessThanOrEqual(1);
  });

  it('paints NaN magenta in both maps, never black', () => {
    expect(divergingColour(Number.NaN, 1)).toEqual(NAN_COLOUR);
    expect(grayColour(Number.NaN, 0, 1)).toEqual([255, 0, 255]);
  });
});

describe('chooseScale', () => {
  it('uses gray on [0, 1] for images, diverging ±max|v| when negatives appear, else min–max gray', () => {
    expect(chooseScale(Float32Array.of(0.2, 0.5), 'auto')).toEqual({ min: 0, max: 1, kind: 'gray' });
    expect(chooseScale(Float32Array.of(-1, 3), 'auto')).toEqual({ min: -3, max: 3, kind: 'diverging' });
    expect(chooseScale(Float32Array.of(2, 7), 'auto')).toEqual({ min: 2, max: 7, kind: 'gray' });
  });

  it('ignores NaN and infinities when choosing the range', () => {
    expect(chooseScale(Float32Array.of(Number.NaN, -2, Number.POSITIVE_INFINITY, 1), 'auto')).toEqual({
      min: -2,
      max: 2,
      kind: 'diverging',
    });
  });
});

describe('renderTensor', () => {
  it('upscales a 3×4 map nearest-neighbour to a legible tile', () => {
    const map = tensor([
      [
        [0, 1, 0, 1],
        [1, 0, 1, 0],
        [0, 0, 0, 0],
      ],
    ]);
    const image = renderTensor(map, { legend: false });
    expect(image.layout.zoomX).toBe(32);
    expect([image.width, image.height]).toEqual([128, 96]);
    expect(pixel(image, 0, 0)).toEqual([0, 0, 0]);
    expect(pixel(image, 31, 31)).toEqual([0, 0, 0]);
    expect(pixel(image, 32, 0)).toEqual([255, 255, 255]);
    expect(pixel(image, 0, 32)).toEqual([255, 255, 255]);
  });

  it('lays out one tile per channel with a gap, and a row per kernel for a kernel bank', () => {
    const channels = renderTensor(new Tensor([4, 2, 2]), {
      legend: false,
      tileSize: 2,
      gap: 1,
      minTileSide: 1,
    });
    expect(channels.layout.columns).toBe(2);
    expect([channels.width, channels.height]).toEqual([5, 5]);
    const bank = renderTensor(new Tensor([2, 3, 1, 1]), {
      legend: false,
      tileSize: 1,
      gap: 1,
      minTileSide: 1,
    });
    expect([bank.width, bank.height]).toEqual([5, 3]);
  });

  it('marks NaN pixels magenta', () => {
    const image = renderTensor(tensor([[[Number.NaN, 1]]]), { legend: false });
    expect(pixel(image, 0, 0)).toEqual([255, 0, 255]);
  });

  it('stretches a 1×N signal into a band at least 16 pixels tall', () => {
    const image = renderTensor(new Tensor([1, 1, 200]), { legend: false });
    expect(image.height).toBe(16);
    // …and twice the usual width budget, since it is read along x only: 1×96 → 192 pixels wide.
    expect(renderTensor(new Tensor([1, 1, 96]), { legend: false }).width).toBe(192);
  });

  it('adds a legend strip under the tiles with dark ink for its numbers', () => {
    const image = renderTensor(tensor([[[-2, 2]]]));
    // 32-pixel tiles, then gap 4, bar 8, 2 spacing, 7 rows of text.
    expect(image.height).toBe(32 + 4 + 8 + 2 + 7);
    let inked = 0;
    for (let y = image.height - 7; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) if (pixel(image, x, y)[0] === 34) inked++;
    }
    expect(inked).toBeGreaterThan(10);
    expect(image.scale).toEqual({ min: -2, max: 2, kind: 'diverging' });
  });

  it('encodes to a PNG that decodes to the same pixels', () => {
    const image = renderTensor(
      tensor([
        [
          [0, 0.5],
          [1, 0.25],
        ],
      ]),
    );
    const decoded = decode(encodeRenderedPng(image));
    expect([decoded.width, decoded.height, decoded.channels]).toEqual([image.width, image.height, 4]);
    expect([...decoded.data]).toEqual([...image.rgba]);
  });
});

describe('formatLegendNumber', () => {
  it('keeps three significant digits and falls back to an exponent for long numbers', () => {
    expect(formatLegendNumber(0.123456)).toBe('0.123');
    expect(formatLegendNumber(-2)).toBe('-2');
    expect(formatLegendNumber(123456789)).toBe('1.23E+8');
  });
});

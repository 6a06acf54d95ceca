import { Tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { blockMean, boundedPicture, MAX_PICTURE_PIXELS } from './render-budget';
import { measureRender, renderTensor } from './render-tensor';

describe('boundedPicture', () => {
  it('leaves a picture within the budget as it is', () => {
    const picture = boundedPicture(new Tensor([3, 64, 64]));
    expect(picture.options).toEqual({});
    expect(picture.note).toBeUndefined();
  });

  it('draws the 256×64×8×8 bank (usually 8444×33809 pixels) at one pixel per value', () => {
    const bank = new Tensor([256, 64, 8, 8]);
    const usual = measureRender(bank);
    expect(usual.width).toBe(64 * 128 + 63 * 4);
    expect(usual.height).toBeGreaterThan(256 * 128 + 255 * 4);
    const picture = boundedPicture(bank);
    expect(picture.tensor).toBe(bank);
    expect(picture.note).toBe(
      `drawn at one pixel per value: the usual drawing would be ${usual.width}×${usual.height} pixels, more than the 16777216 allowed`,
    );
    const drawn = renderTensor(picture.tensor, picture.options);
    expect(drawn.width * drawn.height).toBeLessThanOrEqual(MAX_PICTURE_PIXELS);
    expect(drawn.layout.zoomX).toBe(1);
  });

  it('shrinks what one pixel per value cannot fit by block means, and says so', () => {
    const image = new Tensor([3, 4096, 4096]);
    const picture = boundedPicture(image);
    // Three 2048² planes in a 2×2 grid would be 4100 pixels a side, just over; 1024² fits.
    expect(picture.tensor.shape).toEqual([3, 1024, 1024]);
    expect(picture.note).toMatch(/^a preview: each pixel is the mean of a 4×4 block of values/);
    const size = measureRender(picture.tensor, picture.options);
    expect(size.width * size.height).toBeLessThanOrEqual(MAX_PICTURE_PIXELS);
  });
});

describe('blockMean', () => {
  it('averages each block, the last ones partial', () => {
    // 3×5, factor 2: blocks [[1,2],[6,7]], [[3,4],[8,9]], [[5],[10]], then the bottom row alone.
    const t = new Tensor(
      [1, 3, 5],
      Float32Array.from({ length: 15 }, (_, i) => i + 1),
    );
    const shrunk = blockMean(t, 2);
    expect(shrunk.shape).toEqual([1, 2, 3]);
    expect([...shrunk.data]).toEqual([4, 6, 7.5, 11.5, 13.5, 15]);
  });
});

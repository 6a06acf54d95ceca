import { describe, expect, it } from 'vitest';
import { clipBox, pixelAt, planeGeometry } from './plane-geometry';

describe('planeGeometry', () => {
  it('blows a 3×4 map up by a whole factor and counts channels', () => {
    expect(planeGeometry([2, 3, 4])).toEqual({ channels: 2, height: 3, width: 4, zoomY: 42, zoomX: 42 });
  });
  it('draws a 64×64 map at zoom 2 and a 1×200 signal as a band', () => {
    expect(planeGeometry([1, 64, 64]).zoomX).toBe(2);
    const signal = planeGeometry([1, 1, 200]);
    expect(signal.zoomX).toBe(2);
    expect(signal.zoomY).toBe(18);
  });

  it('shrinks a 576-pixel-wide photo to half size', () => {
    expect(planeGeometry([3, 288, 576])).toMatchObject({ zoomX: 0.5, zoomY: 0.5 });
  });
});

describe('pixelAt', () => {
  it('maps CSS offsets to map pixels and rejects points outside the map', () => {
    const g = planeGeometry([1, 3, 4]); // zoom 42
    expect(pixelAt(g, 0, 0)).toEqual({ y: 0, x: 0 });
    expect(pixelAt(g, 43, 85)).toEqual({ y: 2, x: 1 });
    expect(pixelAt(g, 4 * 42, 0)).toBeNull();
  });
});

describe('clipBox', () => {
  it('clips a receptive field that hangs over the padding', () => {
    expect(clipBox({ top: -1, left: -1, bottom: 1, right: 1 }, 5, 5)).toEqual({
      top: 0,
      left: 0,
      bottom: 1,
      right: 1,
    });
    expect(clipBox({ top: 6, left: 0, bottom: 8, right: 2 }, 5, 5)).toBeNull();
  });
});

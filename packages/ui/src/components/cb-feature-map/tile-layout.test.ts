import { describe, expect, it } from 'vitest';
import { planeGeometry } from './plane-geometry';
import { percent, tileSizes } from './tile-layout';

describe('tileSizes', () => {
  it('gives the nominal width (plus the border) and the proportions, so a narrow card can shrink it', () => {
    // The loss cell's 10-class gradient: zoom 48, a 480×48 strip.
    expect(tileSizes(planeGeometry([10]))).toEqual({
      tile: { width: '482px' },
      canvas: { 'aspect-ratio': '480 / 48' },
    });
  });

  it('places overlays in percentages of the tile', () => {
    expect(percent(5.5, 10)).toBe('55%');
    expect(percent(0, 0)).toBe('0%');
  });
});

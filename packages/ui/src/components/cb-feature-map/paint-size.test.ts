import { describe, expect, it } from 'vitest';
import { paintComposite, paintPlane } from './paint-plane';
import { paintSize, sampleIndices } from './paint-size';
import { planeGeometry } from './plane-geometry';

describe('paintSize', () => {
  it('paints a map shown at or above native size at native size', () => {
    expect(paintSize(planeGeometry([3, 64, 64]), 2)).toEqual({ width: 64, height: 64 });
  });

  it('paints a 4096² photo at its tile size in device pixels, not 16 million pixels', () => {
    const geometry = planeGeometry([3, 4096, 4096]);
    expect(paintSize(geometry, 1)).toEqual({ width: 288, height: 288 });
    expect(paintSize(geometry, 2)).toEqual({ width: 576, height: 576 });
    expect(paintSize(geometry, 3)).toEqual({ width: 576, height: 576 }); // at most twice the CSS size
    expect(paintSize(planeGeometry([1, 300, 4096]), 1)).toEqual({ width: 288, height: 22 });
  });
});

describe('sampled painting', () => {
  it('takes each painted pixel from the map pixel under its centre', () => {
    expect([...sampleIndices(8, 4)]).toEqual([1, 3, 5, 7]);
    expect([...sampleIndices(3, 3)]).toEqual([0, 1, 2]);
    // A 4×4 plane of 0..15 painted 2×2 in gray over [0, 15]: pixels (1,1), (1,3), (3,1), (3,3).
    const data = Float32Array.from({ length: 16 }, (_, i) => i);
    const rgba = paintPlane(data, 0, 4, 4, { kind: 'gray', min: 0, max: 15 }, { width: 2, height: 2 });
    const reds = [0, 1, 2, 3].map((i) => rgba[i * 4]);
    expect(reds).toEqual([5, 7, 13, 15].map((v) => Math.round((255 * v) / 15)));
  });

  it('samples the colour picture the same way', () => {
    const plane = 16;
    const data = new Float32Array(3 * plane);
    data[5] = 1; // red at (1, 1)
    data[plane + 15] = 1; // green at (3, 3)
    const rgba = paintComposite(data, 4, 4, { width: 2, height: 2 });
    expect([...rgba.subarray(0, 4)]).toEqual([255, 0, 0, 255]);
    expect([...rgba.subarray(12, 16)]).toEqual([0, 255, 0, 255]);
  });
});

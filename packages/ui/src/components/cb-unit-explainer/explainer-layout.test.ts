import { type CellValue, explainCellUnit } from '@convbook/cells';
import { Tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { inputLayout, MIN_BOX, mapLayout, VIEW_SIDE } from './explainer-layout';

const image: CellValue = { type: 'tensor', tensor: new Tensor([1, 5, 5]) };
const kernel: CellValue = { type: 'kernel', weights: new Tensor([1, 1, 2, 2]), bias: Float32Array.of(0) };

function breakdown(params: Record<string, unknown>, unit = { channel: 0, y: 0, x: 0 }) {
  const result = explainCellUnit({ kind: 'conv', params }, { input: image, kernel }, unit);
  if (!result.ok) throw new Error(result.reason);
  return result.breakdown;
}

describe('explainer layout', () => {
  it('puts the selected unit at its cell of the zoomed map', () => {
    const layout = mapLayout(2, 3, 1, 2);
    expect(layout.zoom).toBe(40);
    expect(layout.unit).toEqual({ left: 80, top: 40, width: 40, height: 40 });
  });

  it('never draws the highlight smaller than a few pixels on a huge map', () => {
    const layout = mapLayout(1024, 1024, 512, 512);
    expect(layout.unit.width).toBe(MIN_BOX);
    expect(layout.unit.left + layout.unit.width / 2).toBeCloseTo((512 + 0.5) * layout.zoom);
  });

  it('frames the input with its padding and puts the window over padded cells at the corner', () => {
    const layout = inputLayout(breakdown({ padding: 1 }), 5, 5);
    const zoom = Math.floor(VIEW_SIDE / 7);
    expect(layout.frame).toEqual({ left: 0, top: 0, width: 7 * zoom, height: 7 * zoom });
    expect(layout.image).toEqual({ left: zoom, top: zoom, width: 5 * zoom, height: 5 * zoom });
    expect(layout.window).toEqual({ left: 0, top: 0, width: 2 * zoom, height: 2 * zoom });
    expect(layout.taps).toEqual([]);
  });

  it('outlines each tap when dilation spreads them', () => {
    const layout = inputLayout(breakdown({ dilation: 2 }, { channel: 0, y: 1, x: 0 }), 5, 5);
    const zoom = layout.zoom;
    expect(layout.window).toEqual({ left: 0, top: zoom, width: 3 * zoom, height: 3 * zoom });
    expect(layout.taps.map((t) => [t.top / zoom, t.left / zoom])).toEqual([
      [1, 0],
      [1, 2],
      [3, 0],
      [3, 2],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { at } from './at';
import { outputLength, type PaddingSpec, resolvePadding } from './output-size';
import { createRandom } from './random';
import { type Box, clipReceptiveBox, receptiveField, receptiveFieldBox } from './receptive-field';

describe('receptiveField, hand-worked stacks', () => {
  it('two 3×3 convs at stride 1 see 5×5', () => {
    const info = receptiveField([{ kernel: 3 }, { kernel: 3 }]);
    expect(info.map((l) => l.size)).toEqual([
      [3, 3],
      [5, 5],
    ]);
    expect(info[1]).toEqual({ size: [5, 5], jump: [1, 1], start: [2, 2] });
    expect(receptiveFieldBox(info, 0, 0)).toEqual({ top: 0, left: 0, bottom: 4, right: 4 });
  });

  it('3×3, then 2×2 pool at stride 2, then 3×3 → 8×8 with jump 2', () => {
    const info = receptiveField([{ kernel: 3 }, { kernel: 2, stride: 2 }, { kernel: 3 }]);
    expect(info.map((l) => l.size[0])).toEqual([3, 4, 8]);
    expect(info.map((l) => l.jump[0])).toEqual([1, 2, 2]);
    // unit 0 centre: 1, then 1 + ½ = 1.5, then 1.5 + 1·2 = 3.5
    expect(info.map((l) => l.start[0])).toEqual([1, 1.5, 3.5]);
    expect(receptiveFieldBox(info, 1, 2)).toEqual({ top: 2, left: 4, bottom: 9, right: 11 });
  });

  it('a dilation-2 3×3 kernel sees 5×5', () => {
    expect(receptiveField([{ kernel: 3, dilation: 2 }])[0]?.size).toEqual([5, 5]);
  });

  it('rectangular kernels and strides keep the axes apart', () => {
    const [info] = receptiveField([{ kernel: [1, 3], stride: [1, 2] }]);
    expect(info).toEqual({ size: [1, 3], jump: [1, 2], start: [0, 1] });
  });

  it("'same' padding reaches one pixel past the border; clipping cuts it back", () => {
    const info = receptiveField([{ kernel: 3, padding: 'same' }]);
    const box = receptiveFieldBox(info, 0, 0);
    expect(box).toEqual({ top: -1, left: -1, bottom: 1, right: 1 });
    expect(clipReceptiveBox(box, 4, 4)).toEqual({ top: 0, left: 0, bottom: 1, right: 1 });
    expect(clipReceptiveBox({ top: -5, left: 0, bottom: -1, right: 2 }, 4, 4)).toBeUndefined();
  });

  it("'same' at stride 2 needs the input size, and uses it", () => {
    expect(() => receptiveField([{ kernel: 3, stride: 2, padding: 'same' }])).toThrow(
      "receptiveField: layer 0: 'same' padding with stride 2×2 needs the input size",
    );
    // in 6, stride 2, k 3: pad 0 before, 1 after → unit 0 centred on pixel 1
    expect(receptiveField([{ kernel: 3, stride: 2, padding: 'same' }], [6, 6])[0]?.start).toEqual([1, 1]);
    // in 5: pad 1 before → centred on pixel 0
    expect(receptiveField([{ kernel: 3, stride: 2, padding: 'same' }], [5, 5])[0]?.start).toEqual([0, 0]);
  });

  it('explicit top/left pads shift the box like the equivalent symmetric pad', () => {
    const symmetric = receptiveField([
      { kernel: 3, padding: 1 },
      { kernel: 3, padding: 2 },
    ]);
    const topLeft = receptiveField([
      { kernel: 3, padding: { top: 1, left: 1 } },
      { kernel: 3, padding: { top: 2, left: 2 } },
    ]);
    expect(topLeft).toEqual(symmetric);
    expect(receptiveFieldBox(topLeft, 0, 0)).toEqual({ top: -3, left: -3, bottom: 1, right: 1 });
    expect(() => receptiveField([{ kernel: 3, padding: { top: -1, left: 0 } }])).toThrow(
      'receptiveField: padding.top must be an integer >= 0, got -1',
    );
  });

  it('an empty stack sees the pixel itself', () => {
    expect(receptiveFieldBox(receptiveField([]), 3, 4)).toEqual({ top: 3, left: 4, bottom: 3, right: 4 });
  });
});

/**
 * Independent check: push, layer by layer, the bounding box of input pixels that really influence each
 * unit (taps landing on padding influence nothing), and compare with the formula's box.
 */
interface PlainLayer {
  readonly kernel: number;
  readonly stride: number;
  readonly dilation: number;
  readonly padding: PaddingSpec;
}

function bruteForceBoxes(
  layers: readonly PlainLayer[],
  height: number,
  width: number,
): (Box | undefined)[][] {
  let boxes: (Box | undefined)[][] = Array.from({ length: height }, (_, y) =>
    Array.from({ length: width }, (_, x) => ({ top: y, left: x, bottom: y, right: x })),
  );
  for (const layer of layers) {
    const { kernel: k, stride: s, dilation: d } = layer;
    const inH = boxes.length;
    const inW = boxes[0]?.length ?? 0;
    const pad = resolvePadding('test', layer.padding, [inH, inW], [(k - 1) * d + 1, (k - 1) * d + 1], [s, s]);
    const outH = outputLength(inH, k, s, d, pad.top, pad.bottom);
    const outW = outputLength(inW, k, s, d, pad.left, pad.right);
    const previous = boxes;
    boxes = Array.from({ length: outH }, (_, oy) =>
      Array.from({ length: outW }, (_, ox) => {
        let union: Box | undefined;
        for (let i = 0; i < k; i++) {
          for (let j = 0; j < k; j++) {
            const b = previous[oy * s - pad.top + i * d]?.[ox * s - pad.left + j * d];
            if (b === undefined) continue;
            union =
              union === undefined
                ? b
                : {
                    top: Math.min(union.top, b.top),
                    left: Math.min(union.left, b.left),
                    bottom: Math.max(union.bottom, b.bottom),
                    right: Math.max(union.right, b.right),
                  };
          }
        }
        return union;
      }),
    );
  }
  return boxes;
}

describe('receptiveFieldBox against brute-force propagation', () => {
  const runs = Number(process.env.FUZZ_RUNS ?? 60);
  it(`agrees on ${runs} random stacks`, () => {
    const random = createRandom(2024);
    const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
    let checkedInterior = 0;
    for (let run = 0; run < runs; run++) {
      const size = int(10, 20);
      const paddings = ['valid', 'same', 'full', 0, 1, 2] as const;
      const layers: PlainLayer[] = Array.from({ length: int(1, 3) }, () => ({
        kernel: int(1, 3),
        stride: int(1, 2),
        dilation: int(1, 2),
        padding: at(paddings, int(0, paddings.length - 1)),
      }));
      let brute: (Box | undefined)[][];
      try {
        brute = bruteForceBoxes(layers, size, size);
      } catch {
        continue;
      }
      if (brute.length < 1 || (brute[0]?.length ?? 0) < 1) continue;
      const info = receptiveField(layers, [size, size]);
      for (const [y, row] of brute.entries()) {
        for (const [x, real] of row.entries()) {
          const box = receptiveFieldBox(info, y, x);
          const clipped = clipReceptiveBox(box, size, size);
          const context = JSON.stringify({ layers, size, y, x });
          if (real === undefined) continue; // a unit computed purely from padding
          // Whatever really influences the unit lies inside the formula's box...
          expect(clipped, context).toBeDefined();
          expect(real.top, context).toBeGreaterThanOrEqual(clipped?.top ?? Number.NaN);
          expect(real.bottom, context).toBeLessThanOrEqual(clipped?.bottom ?? Number.NaN);
          expect(real.left, context).toBeGreaterThanOrEqual(clipped?.left ?? Number.NaN);
          expect(real.right, context).toBeLessThanOrEqual(clipped?.right ?? Number.NaN);
          // ...and away from the border the box is exact.
          if (box.top >= 0 && box.left >= 0 && box.bottom < size && box.right < size) {
            expect(real, context).toEqual(box);
            checkedInterior++;
          }
        }
      }
    }
    expect(checkedInterior).toBeGreaterThan(100);
  });
});

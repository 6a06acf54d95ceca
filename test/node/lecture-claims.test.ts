import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ExampleValues,
  examplesDir,
  kernelOf,
  type Plane,
  planeOf,
  rows,
  runExample,
  slide,
} from './example-values';

// Issue 12: every number the lecture shows is recomputed here by brute force or by formula, from the
// notebook's own inputs (images, kernels, shapes) as `convbook run --values` wrote them, and compared with
// what its cells computed. Nothing here calls the code under test.

let lecture: ExampleValues;
beforeAll(async () => {
  lecture = await runExample('lecture');
}, 60_000);

const relu = (v: number): number => Math.max(0, v);
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Taps of every placement of a k×k window that land outside an n×n plane ('same' padding, stride 1). */
function tapsOnPadding(n: number, k: number): number {
  const before = Math.floor((k - 1) / 2);
  let count = 0;
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++)
      for (let i = 0; i < k; i++)
        for (let j = 0; j < k; j++) {
          const yy = y - before + i;
          const xx = x - before + j;
          if (yy < 0 || yy >= n || xx < 0 || xx >= n) count++;
        }
  return count;
}

describe('1. pooling does comparisons, not multiply-adds', () => {
  it('deepStats: multiply-adds only in the convs, 3 comparisons per 2×2 max window', async () => {
    const stats = await lecture.stats('deepStats');
    const convUnits =
      size((await lecture.tensor('rectified')).shape) + size((await lecture.tensor('deeper')).shape);
    const pooled = size((await lecture.tensor('maxPool')).shape);
    const pool = stats.layers.find((l) => l.cellId === 'maxPool');
    expect(pool?.forward).toEqual({
      multiplyAdds: 0,
      comparisons: pooled * 3,
      additions: 0,
      multiplications: 0,
    });
    expect(pool?.backward.multiplyAdds).toBe(0);
    expect(stats.totals.forward.multiplyAdds).toBe(convUnits * 9);
    expect(stats.totals.forward.multiplyAdds).toBe(6_480);
    expect(stats.totals.backward.multiplyAdds).toBe(2 * convUnits * 9);
    expect(stats.totals.backward.multiplyAdds).toBe(12_960);
  });
});

describe('2. the fully connected comparison is there and honours countBias', () => {
  it('biasStats: 576 inputs to 576 outputs, one weight per connection plus 576 biases', async () => {
    const stats = await lecture.stats('biasStats');
    const inputs = size((await lecture.tensor('word')).shape);
    const outputs = size((await lecture.tensor('thresholded')).shape);
    expect(stats.fullyConnected).toMatchObject({
      connections: inputs * outputs,
      weights: inputs * outputs + outputs,
    });
  });

  it('countStats (countBias: false): 5 → 3 fully connected is 15 weights and 15 connections', async () => {
    const stats = await lecture.stats('countStats');
    expect(stats.fullyConnected).toMatchObject({ inUnits: 5, units: 3, weights: 15, connections: 15 });
  });

  it('deepStats: 576 → 144 is 82,944 connections and 83,088 weights', async () => {
    const stats = await lecture.stats('deepStats');
    expect(stats.fullyConnected).toMatchObject({ connections: 576 * 144, weights: 576 * 144 + 144 });
  });
});

describe('3. equivariance is measured: conv(shift(x)) − shift(conv(x)) = 0', () => {
  it('the shift crops nothing: the grown canvas holds every pixel of the letters', async () => {
    const word = await lecture.tensor('word');
    const moved = await lecture.tensor('moved');
    expect(moved.shape).toEqual([1, 24, 26]);
    const sum = (t: { data: number[] }) => t.data.reduce((a, b) => a + b, 0);
    expect(sum(moved)).toBeCloseTo(sum(word), 4);
  });

  it('recomputed by hand, both sides agree at every unit, and the compare cell says 0 differ', async () => {
    const word = await lecture.plane('word');
    const sobel = await kernelOf(lecture, 'sobelX');
    const shift2 = (p: Plane): Plane =>
      planeOf({ shape: [p.height, p.width + 2], data: rows(p).flatMap((r) => [0, 0, ...r]) });
    const same = (p: Plane) =>
      slide(p, sobel, { flip: false, padTop: 1, padLeft: 1, height: p.height, width: p.width }).map((r) =>
        r.map(relu),
      );
    const convOfShift = same(shift2(word));
    const shiftOfConv = rows(shift2(planeOf({ shape: [24, 24], data: same(word).flat() })));
    expect(convOfShift).toEqual(shiftOfConv);
    const cellA = rows(await lecture.plane('movedMap'));
    const cellB = rows(await lecture.plane('shiftedMap'));
    expect(cellA.flat().map((v, i) => Math.abs(v - (convOfShift.flat()[i] ?? 0)) < 1e-4)).not.toContain(
      false,
    );
    expect(cellB.flat().map((v, i) => Math.abs(v - (shiftOfConv.flat()[i] ?? 0)) < 1e-4)).not.toContain(
      false,
    );
    expect(await lecture.figures('equivariance')).toMatchObject({ changed: 0, maxInside: 0, maxAtBorder: 0 });
  });
});

describe('3b. a shift that crops breaks equivariance only where content was lost', () => {
  it('conv(shift(x)) − shift(conv(x)) with zero fill: 0 inside, up to 4 in the last column only', async () => {
    const word = await lecture.plane('word');
    const sobel = await kernelOf(lecture, 'sobelX');
    const crop2 = (p: Plane): Plane =>
      planeOf({
        shape: [p.height, p.width],
        data: rows(p).flatMap((r, y) => r.map((_, x) => p.at(y, x - 2))),
      });
    const same = (p: Plane) =>
      planeOf({
        shape: [p.height, p.width],
        data: slide(p, sobel, { flip: false, padTop: 1, padLeft: 1, height: p.height, width: p.width })
          .flat()
          .map(relu),
      });
    const a = same(crop2(word));
    const b = crop2(same(word));
    const differing: [number, number, number][] = [];
    for (let y = 0; y < 24; y++)
      for (let x = 0; x < 24; x++)
        if (a.at(y, x) !== b.at(y, x)) differing.push([y, x, Math.abs(a.at(y, x) - b.at(y, x))]);
    expect(new Set(differing.map(([, x]) => x))).toEqual(new Set([23]));
    expect(Math.max(...differing.map(([, , d]) => d))).toBe(4);
    expect(await lecture.figures('croppedCompare')).toMatchObject({
      changed: differing.length,
      maxInside: 0,
      maxAtBorder: 4,
      border: 1,
    });
  });
});

describe('5. memory: training rows add up, inference is the live pair', () => {
  it('deepStats: kept = each output, total = input + Σ outputs; live = input + output, total = peak', async () => {
    const stats = await lecture.stats('deepStats');
    const shapes = await Promise.all(
      ['word', 'rectified', 'maxPool', 'deeper'].map(async (id) => size((await lecture.tensor(id)).shape)),
    );
    const [input = 0, ...outputs] = shapes;
    expect(stats.layers.map((l) => l.memoryKept)).toEqual(outputs);
    expect(stats.inputUnits + stats.layers.reduce((s, l) => s + l.memoryKept, 0)).toBe(
      stats.totals.memoryTraining,
    );
    expect(stats.totals.memoryTraining).toBe(input + outputs.reduce((a, b) => a + b, 0));
    expect(stats.totals.memoryTraining).toBe(1_440);
    const live = outputs.map((out, i) => (i === 0 ? input : (outputs[i - 1] ?? 0)) + out);
    expect(stats.layers.map((l) => l.memoryLive)).toEqual(live);
    expect(stats.totals.memoryInference).toBe(Math.max(...live));
  });
});

describe('6. connections on zero padding are counted apart', () => {
  it("deepStats: the 'same' 3×3 layers put 284 and 140 taps on the zero border", async () => {
    const stats = await lecture.stats('deepStats');
    const byId = new Map(stats.layers.map((l) => [l.cellId, l]));
    expect(byId.get('rectified')?.paddingConnections).toBe(tapsOnPadding(24, 3));
    expect(byId.get('rectified')?.connections).toBe(5_184);
    expect(5_184 - tapsOnPadding(24, 3)).toBe(4_900);
    expect(byId.get('deeper')?.paddingConnections).toBe(tapsOnPadding(12, 3));
    expect(byId.get('maxPool')?.paddingConnections).toBe(0);
  });
});

describe('7. the words say which operation each map is', () => {
  it('valid is correlation, validFlipped is flip-and-slide: [[0, 1, 1], [1, −1, −2]]', async () => {
    const grid = await lecture.plane('grid');
    const k2 = await kernelOf(lecture, 'k2');
    const shape = { padTop: 0, padLeft: 0, height: 2, width: 3 };
    const correlation = slide(grid, k2, { flip: false, ...shape });
    const convolution = slide(grid, k2, { flip: true, ...shape });
    expect(convolution).toEqual([
      [0, 1, 1],
      [1, -1, -2],
    ]);
    expect(rows(await lecture.plane('valid'))).toEqual(correlation);
    expect(rows(await lecture.plane('validFlipped'))).toEqual(convolution);
    expect(rows(await lecture.plane('validDouble'))).toEqual(correlation.map((r) => r.map((v) => 2 * v)));
  });

  it('every other map is correlation, as the flip note says: raw is Sobel x slid without a flip', async () => {
    const document = JSON.parse(await readFile(join(examplesDir, 'lecture.json'), 'utf8')) as {
      cells: { id: string; kind: string; params?: { flip?: boolean } }[];
    };
    const flipped = document.cells
      .filter((c) => c.kind === 'conv' && c.params?.flip === true)
      .map((c) => c.id);
    expect(flipped).toEqual(['validFlipped', 'convolution']);
    const word = await lecture.plane('word');
    const sobel = await kernelOf(lecture, 'sobelX');
    const byHand = slide(word, sobel, { flip: false, padTop: 1, padLeft: 1, height: 24, width: 24 }).flat();
    const raw = (await lecture.tensor('raw')).data;
    expect(raw.map((v, i) => Math.abs(v - (byHand[i] ?? 0)) < 1e-4)).not.toContain(false);
  });

  it("'same' with a 2×2 kernel pads only after the input: bottom and right", async () => {
    const grid = await lecture.plane('grid');
    const k2 = await kernelOf(lecture, 'k2');
    const expected = slide(grid, k2, { flip: false, padTop: 0, padLeft: 0, height: 3, width: 4 });
    expect(rows(await lecture.plane('same'))).toEqual(expected);
  });

  it('correlation paints the kernel rotated 180° around the dot, convolution paints it as written', async () => {
    const kernel = await kernelOf(lecture, 'lopsided');
    const around = (id: string) =>
      lecture.plane(id).then((p) => [1, 2, 3].map((y) => [1, 2, 3].map((x) => p.at(y, x))));
    expect(await around('convolution')).toEqual(kernel);
    expect(await around('correlation')).toEqual(kernel.toReversed().map((r) => r.toReversed()));
  });

  it('a bias of −2 behind a ReLU keeps only responses greater than 2', async () => {
    const raw = (await lecture.tensor('raw')).data;
    const thresholded = (await lecture.tensor('thresholded')).data;
    expect(thresholded.map((v, i) => Math.abs(v - relu((raw[i] ?? 0) - 2)) < 1e-4)).not.toContain(false);
    expect(thresholded.filter((v) => v > 0).length).toBe(raw.filter((v) => v > 2 + 1e-4).length);
  });
});

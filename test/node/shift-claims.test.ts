import { beforeAll, describe, expect, it } from 'vitest';
import { type ExampleValues, kernelOf, type Plane, planeOf, rows, runExample, slide } from './example-values';

// Issue 12, item 4: pooling-invariance.json says only what its cells compute. The maps and pools are
// recomputed here by brute force from the digit and the kernel, the changed units counted again by hand.

let shifts: ExampleValues;
beforeAll(async () => {
  shifts = await runExample('pooling-invariance');
}, 60_000);

const TOLERANCE = 1e-5;

function featureMap(image: Plane, kernel: number[][]): Plane {
  const map = slide(image, kernel, {
    flip: false,
    padTop: 1,
    padLeft: 1,
    height: image.height,
    width: image.width,
  });
  return planeOf({ shape: [image.height, image.width], data: map.flat().map((v) => Math.max(0, v)) });
}

function maxPool4(map: Plane): Plane {
  const h = Math.floor(map.height / 4);
  const w = Math.floor(map.width / 4);
  const data: number[] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let best = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 4; j++) best = Math.max(best, map.at(4 * y + i, 4 * x + j));
      data.push(best);
    }
  return planeOf({ shape: [h, w], data });
}

const shiftRight = (p: Plane, dx: number): Plane =>
  planeOf({ shape: [p.height, p.width], data: rows(p).flatMap((r, y) => r.map((_, x) => p.at(y, x - dx))) });

/** Changed units among those active in either plane, counted by hand. */
function changeCount(a: Plane, b: Plane): { changed: number; active: number } {
  let changed = 0;
  let active = 0;
  for (let y = 0; y < a.height; y++)
    for (let x = 0; x < a.width; x++) {
      if (Math.abs(a.at(y, x) - b.at(y, x)) > TOLERANCE) changed++;
      if (Math.abs(a.at(y, x)) > TOLERANCE || Math.abs(b.at(y, x)) > TOLERANCE) active++;
    }
  return { changed, active };
}

describe('4. pooling-invariance: shifts that show what pooling forgives and what it does not', () => {
  let digit: Plane;
  let map: Plane;
  beforeAll(async () => {
    digit = await shifts.plane('digit');
    map = featureMap(digit, await kernelOf(shifts, 'edge'));
  });

  it('the moves crop nothing: the digit has more than 4 empty columns on its right', () => {
    for (let x = digit.width - 4; x < digit.width; x++)
      for (let y = 0; y < digit.height; y++) expect(digit.at(y, x)).toBe(0);
  });

  it('a 1 px move: the map moves exactly (equivariance), and changes 56 of 84 active units', async () => {
    const moved = featureMap(shiftRight(digit, 1), await kernelOf(shifts, 'edge'));
    expect(changeCount(moved, shiftRight(map, 1))).toMatchObject({ changed: 0 });
    expect(await shifts.figures('equivariance')).toMatchObject({ changed: 0 });
    const byHand = changeCount(moved, map);
    expect(byHand).toEqual({ changed: 56, active: 84 });
    expect(await shifts.figures('mapChange')).toMatchObject(byHand);
  });

  it('its 4×4 max pool changes only 7 of 16 active units: a smaller share than the map', async () => {
    const moved = featureMap(shiftRight(digit, 1), await kernelOf(shifts, 'edge'));
    const byHand = changeCount(maxPool4(moved), maxPool4(map));
    expect(byHand).toEqual({ changed: 7, active: 16 });
    expect(await shifts.figures('pooledChange')).toMatchObject(byHand);
    expect(byHand.changed / byHand.active).toBeLessThan(56 / 84);
  });

  it('a whole-block move (4 px) changes 17 of 22 pooled units, and is the old pool moved one cell', async () => {
    const moved = maxPool4(featureMap(shiftRight(digit, 4), await kernelOf(shifts, 'edge')));
    const byHand = changeCount(moved, maxPool4(map));
    expect(byHand).toEqual({ changed: 17, active: 22 });
    expect(await shifts.figures('pooled4Change')).toMatchObject(byHand);
    expect(changeCount(moved, shiftRight(maxPool4(map), 1)).changed).toBe(0);
    expect(await shifts.figures('pooled4Moved')).toMatchObject({ changed: 0 });
  });
});

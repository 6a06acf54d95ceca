import { describe, expect, it } from 'vitest';
import { runKind } from '../run-kind.test-helper';
import { digitsCell } from './digits-cell';
import { DIGIT_PIXELS, loadDigits, unpackDigits } from './digits-data';

describe('digits data', () => {
  it('unpacks the 10,000 MNIST digits of the mnist package, about 1,000 of each', async () => {
    const data = await loadDigits();
    expect(data.count).toBe(10000);
    expect(data.pixels.length).toBe(10000 * DIGIT_PIXELS);
    const perClass = new Array(10).fill(0);
    for (const label of data.labels) perClass[label]++;
    for (const n of perClass) expect(n).toBeGreaterThan(800);
    // Ink is bright on a dark field: most pixels are paper (0), a few are full ink (255).
    const zeros = data.pixels.filter((v) => v === 0).length / data.pixels.length;
    expect(zeros).toBeGreaterThan(0.7);
    expect(Math.max(...data.pixels.subarray(0, DIGIT_PIXELS))).toBeGreaterThan(200);
  });

  it('says plainly when the asset is damaged', () => {
    expect(() => unpackDigits(btoa('not deflate at all'), 10)).toThrow();
  });
});

describe('digits cell', () => {
  it('keeps the fixed 8,000 / 2,000 split, with class names and the MNIST credit', async () => {
    const value = await runKind(digitsCell, {});
    if (value.type !== 'dataset') throw new Error('not a dataset');
    expect(value.train.count).toBe(8000);
    expect(value.test.count).toBe(2000);
    expect(value.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(value.credit).toMatch(/LeCun, Corinna Cortes and Christopher J. C. Burges/);
    expect(value.samples.images.shape).toEqual([40, 28, 28]);
  });

  it('keeps only the listed classes, renumbered in the order given, and a seeded subset', async () => {
    const value = await runKind(digitsCell, { classes: [8, 3], trainSize: 300, testSize: 50, seed: 5 });
    if (value.type !== 'dataset') throw new Error('not a dataset');
    expect(value.classNames).toEqual(['8', '3']);
    expect(value.train.count).toBe(300);
    expect(value.test.count).toBe(50);
    expect(new Set(value.train.labels)).toEqual(new Set([0, 1]));
    const again = await runKind(digitsCell, { classes: [8, 3], trainSize: 300, testSize: 50, seed: 5 });
    expect(again.type === 'dataset' && again.train.pixels).toEqual(value.train.pixels);
  });

  it('refuses a class listed twice, naming the field', () => {
    const parsed = digitsCell.parseParams({ classes: [1, 1] }, 'params');
    expect('problems' in parsed && parsed.problems[0]).toEqual({
      path: 'params.classes',
      message: 'lists a digit twice',
    });
  });
});

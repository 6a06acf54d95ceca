import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LENET5_INPUT } from '@convbook/core';
import { expect } from 'vitest';
import { examplesDir, kernelOf, rows } from './example-values';
import { type Claim, kernelShape, percent, shapeOf, size, training } from './note-claims';

/** The lecture's notes, phrase by phrase. */
export const lectureClaims: Claim[] = [
  {
    note: 'validNote',
    text: 'A 2×2 window fits into a 3×4 grid at 2 × 3 places, so the output is 2×3',
    check: async (v) => {
      expect(await kernelShape(v, 'k2')).toEqual([1, 1, 2, 2]);
      expect(await shapeOf(v, 'grid')).toEqual([1, 3, 4]);
      expect(await shapeOf(v, 'valid')).toEqual([1, 3 - 2 + 1, 4 - 2 + 1]);
    },
  },
  {
    note: 'validNote',
    text: 'n − k + 1',
    check: async (v) => expect((await shapeOf(v, 'valid'))[2]).toBe(4 - 2 + 1),
  },
  {
    note: 'validNote',
    text: '1 − 1 = 0, 2 − 3 = −1, 0 − 1 = −1',
    check: async (v) => {
      const grid = rows(await v.plane('grid'));
      const [g0 = [], g1 = []] = grid;
      expect([g0[0], g1[1], g0[1], g1[2], g0[2], g1[3]]).toEqual([1, 1, 2, 3, 0, 1]);
      expect(rows(await v.plane('valid'))[0]).toEqual([0, -1, -1]);
    },
  },
  {
    note: 'validNote',
    text: 'rotated 180°',
    check: async (v) =>
      expect(rows(await v.plane('validFlipped'))).toEqual([
        [0, 1, 1],
        [1, -1, -2],
      ]),
  },
  {
    note: 'validNote',
    text: '[[0, 1, 1], [1, −1, −2]]',
    check: async (v) =>
      expect(rows(await v.plane('validFlipped'))).toEqual([
        [0, 1, 1],
        [1, -1, -2],
      ]),
  },
  {
    note: 'flipNote',
    text: 'rotated by 180°',
    check: 'lecture-claims.test.ts (correlation paints the kernel rotated)',
  },
  {
    note: 'flipNote',
    text: 'rotated 180°',
    check: 'lecture-claims.test.ts (correlation paints the kernel rotated)',
  },
  {
    note: 'paddingNote',
    text: 'An odd kernel such as 3×3 gets the same amount on every side',
    check: async (v) => {
      const stats = await v.stats('deepStats');
      // Equal pads: along each axis one tap falls off at the start and one at the end, 3·24 − 1 − 1 real.
      expect(stats.layers[0]?.paddingConnections).toBe(24 * 24 * 9 - (3 * 24 - 1 - 1) ** 2);
    },
  },
  {
    note: 'paddingNote',
    text: 'The 2×2 kernel here needs only one extra row and one extra column',
    check: 'lecture-claims.test.ts ("same" with a 2×2 kernel pads only after the input)',
  },
  {
    note: 'paddingNote',
    text: 'the 3×4 grid gives a 3×4 map',
    check: async (v) => expect(await shapeOf(v, 'same')).toEqual([1, 3, 4]),
  },
  {
    note: 'strideNote',
    text: 'Stride 1 visits every position; stride 2 visits every other one',
    check: async (v) => {
      expect(await shapeOf(v, 'stride1')).toEqual([1, 16, 16]);
      expect(await shapeOf(v, 'stride2')).toEqual([1, 8, 8]);
    },
  },
  {
    note: 'strideNote',
    text: '⌊(n + padding − k) / stride⌋ + 1',
    // 'same' at stride 2 on 16 with k = 3 pads 1 in total (the odd one after): ⌊(16 + 1 − 3) / 2⌋ + 1 = 8.
    check: async (v) => expect((await shapeOf(v, 'stride2'))[2]).toBe(Math.floor((16 + 1 - 3) / 2) + 1),
  },
  {
    note: 'strideNote',
    text: '⌈n / stride⌉',
    check: async (v) => expect((await shapeOf(v, 'stride2'))[2]).toBe(Math.ceil(16 / 2)),
  },
  {
    note: 'biasNote',
    text: 'A 3×3 kernel therefore has 3·3 + 1 = 10 parameters',
    check: async (v) => expect((await v.stats('biasStats')).totals.weights).toBe(3 * 3 + 1),
  },
  {
    note: 'biasNote',
    text: 'with a bias of −2, only responses greater than 2 survive',
    check: async (v) => {
      expect(((await v.json('biased')) as { bias: number[] }).bias).toEqual([-2]);
      const raw = (await v.tensor('raw')).data;
      const kept = (await v.tensor('thresholded')).data;
      expect(kept.filter((x) => x > 0).length).toBe(raw.filter((x) => x > 2 + 1e-4).length);
    },
  },
  {
    note: 'whyNote',
    text: 'A hidden unit looks at a 3×3 patch, not at all 576 pixels, so each unit has 9 connections instead of 576',
    check: async (v) => {
      const stats = await v.stats('biasStats');
      expect(size(await shapeOf(v, 'word'))).toBe(576);
      expect(stats.totals.connections / stats.totals.units).toBe(9);
      expect(stats.fullyConnected.connections / stats.fullyConnected.units).toBe(576);
    },
  },
  {
    note: 'whyNote',
    text: 'The same 9 weights (plus bias)',
    check: async (v) => expect((await v.stats('biasStats')).totals.weights).toBe(10),
  },
  {
    note: 'depthNote',
    text: '3-D',
    check: async (v) => expect((await kernelShape(v, 'redMinusBlue'))[1]).toBe(3),
  },
  {
    note: 'depthNote',
    text: 'A 32×32 colour image has three channels, so its kernels are 3×3×3',
    check: async (v) => {
      expect(await shapeOf(v, 'colour')).toEqual([3, 32, 32]);
      expect(await kernelShape(v, 'redMinusBlue')).toEqual([1, 3, 3, 3]);
    },
  },
  {
    note: 'depthNote',
    text: 'all 27 products',
    check: async (v) => expect(size((await kernelShape(v, 'redMinusBlue')).slice(1))).toBe(27),
  },
  {
    note: 'depthNote',
    text: 'one kernel turns 32×32×3 into a 32×32×1 map',
    check: async (v) => expect(await shapeOf(v, 'depthMap')).toEqual([1, 32, 32]),
  },
  {
    note: 'equivarianceNote',
    text: 'the letters move 2 px right on a canvas that grows by two columns',
    check: async (v) => {
      expect(await shapeOf(v, 'moved')).toEqual([1, 24, 24 + 2]);
      expect((await v.figures('equivariance')).changed).toBe(0);
    },
  },
  {
    note: 'equivarianceNote',
    text: 'The last four cells crop instead',
    check: async () => {
      const document = JSON.parse(await readFile(join(examplesDir, 'lecture.json'), 'utf8')) as {
        cells: { id: string }[];
      };
      const ids = document.cells.map((c) => c.id);
      const start = ids.indexOf('cropped');
      expect(ids.slice(start, start + 4)).toEqual([
        'cropped',
        'croppedMap',
        'croppedShift',
        'croppedCompare',
      ]);
      expect(ids[start - 1]).toBe('equivariance');
    },
  },
  {
    note: 'equivarianceNote',
    text: 'still agree everywhere more than 1 px from the edges, but in the last column they differ by up to 4',
    check: async (v) =>
      expect(await v.figures('croppedCompare')).toMatchObject({ border: 1, maxInside: 0, maxAtBorder: 4 }),
  },
  {
    note: 'invarianceNote',
    text: 'the letters move 1 px right (their last column is empty',
    check: async (v) => {
      const word = await v.plane('word');
      for (let y = 0; y < 24; y++) expect(word.at(y, 23)).toBe(0);
      expect(rows(await v.plane('nudged')).map((r) => r.slice(1))).toEqual(
        rows(word).map((r) => r.slice(0, 23)),
      );
    },
  },
  {
    note: 'invarianceNote',
    text: 'the nudge changes 118 of 180 in the feature map (66 %)',
    check: async (v) => {
      expect(await v.figures('mapChange')).toMatchObject({ changed: 118, active: 180 });
      expect(percent(118, 180)).toBe(66);
    },
  },
  {
    note: 'invarianceNote',
    text: 'only 2 of 20 in its 4×4 max pool (10 %)',
    check: async (v) => {
      expect(await v.figures('poolChange')).toMatchObject({ changed: 2, active: 20 });
      expect(await shapeOf(v, 'pool4')).toEqual([1, 24 / 4, 24 / 4]);
      expect(percent(2, 20)).toBe(10);
    },
  },
  {
    note: 'invarianceNote',
    text: 'a move by a whole block (4 px) moves the pooled map by one cell',
    check: 'shift-claims.test.ts (a whole-block move)',
  },
  {
    note: 'fieldNote',
    text: 'One 3×3 layer sees 3×3 pixels; after a 2×2 pooling and another 3×3 layer, a unit sees 8×8 pixels, because each step of the deeper layer covers two input pixels',
    check: async (v) => {
      // By hand: r = 3; pooling 2 adds (2 − 1)·1 → 4 and makes the jump 2; a 3×3 layer adds (3 − 1)·2 → 8.
      expect(
        (await v.stats('deepStats')).layers.map((l) => [l.receptiveField.size[0], l.receptiveField.jump[0]]),
      ).toEqual([
        [3, 1],
        [3 + 1, 2],
        [3 + 1 + 2 * 2, 2],
      ]);
    },
  },
  {
    note: 'countNote',
    text: 'Slide a 3-tap kernel along 5 inputs without padding: 3 outputs, each using all 3 weights — 3 weights but 9 connections',
    check: async (v) => {
      const stats = await v.stats('countStats');
      expect(await shapeOf(v, 'fiveInputs')).toEqual([1, 1, 5]);
      expect(stats.totals).toMatchObject({ units: 5 - 3 + 1, weights: 3, connections: 3 * 3 });
    },
  },
  {
    note: 'sizeNote',
    text: 'In LeNet-5 (with C3 wired to all six maps), the last three layers hold 59,134 of its 61,706 weights (96 %), while the convolutions C1 and C3 make 357,600 of its 422,824 connections (85 %)',
    check: async () => {
      // By formula: C1 6@5×5 on 1 map, C3 16@5×5 on 6, C5 120@5×5 on 16, F6 84 ← 120, output 10 ← 84.
      expect(LENET5_INPUT).toEqual([1, 32, 32]);
      const weights = {
        C1: 6 * 25 + 6,
        C3: 16 * 6 * 25 + 16,
        C5: 120 * 16 * 25 + 120,
        F6: 84 * 120 + 84,
        Out: 10 * 84 + 10,
      };
      const last = weights.C5 + weights.F6 + weights.Out;
      const all = last + weights.C1 + weights.C3;
      expect([last, all, percent(last, all)]).toEqual([59_134, 61_706, 96]);
      const conv = 28 * 28 * 6 * 25 + 10 * 10 * 16 * 150;
      const total = conv + 14 * 14 * 6 * 4 + 5 * 5 * 16 * 4 + 120 * 400 + 84 * 120 + 10 * 84;
      expect([conv, total, percent(conv, total)]).toEqual([357_600, 422_824, 85]);
    },
  },
  {
    note: 'learnNote',
    text: 'After 150 steps at a learning rate of 0.3 the guess has become the hidden Sobel kernel, every weight within 0.01, and the loss has fallen from 1.71 to below 10⁻⁶',
    check: async (v) => {
      const run = await training(v, 'learn');
      expect(run.steps).toBe(150);
      const sobel = (await kernelOf(v, 'sobelX')).flat();
      const worst = Math.max(...run.learnedWeights.data.map((w, i) => Math.abs(w - (sobel[i] ?? 0))));
      expect(worst).toBeLessThan(0.01);
      expect(run.lossCurve[0]?.toFixed(2)).toBe('1.71');
      expect(run.lossCurve.at(-1)).toBeLessThan(1e-6);
    },
  },
];

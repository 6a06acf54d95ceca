import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LENET5_INPUT } from '@convbook/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ExampleValues, examplesDir, kernelOf, rows, runExample } from './example-values';

// Issue 12: "every number quoted in a note's text equals the cell value it refers to". Each example's
// notes are listed below as claims: an exact phrase of the note and a check of that phrase against the
// cells' values (from `convbook run --values`) or a formula. A second test strips every claimed phrase from
// every note and fails if any digit is left — so a number added to a note without a check fails here.

interface Claim {
  readonly note: string;
  readonly text: string;
  /** Checks the phrase; a string names the test file that checks it in depth instead. */
  readonly check: ((v: ExampleValues) => Promise<void>) | string;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const shapeOf = async (v: ExampleValues, id: string) => (await v.tensor(id)).shape;
const kernelShape = async (v: ExampleValues, id: string) =>
  ((await v.json(id)) as { weights: { shape: number[] } }).weights.shape;
const training = async (v: ExampleValues, id: string) =>
  (
    (await v.json(id)) as {
      training: { lossCurve: number[]; learnedWeights: { data: number[] }; steps: number };
    }
  ).training;
const peakCount = async (v: ExampleValues, id: string) =>
  Number(/\*\*(\d+) peaks?\*\*/.exec(await v.note(id))?.[1]);
const percent = (part: number, whole: number) => Math.round((100 * part) / whole);

const lectureClaims: Claim[] = [
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

const learnClaims: Claim[] = [
  {
    note: 'intro',
    text: 'all-zero 3×3 kernel',
    check: async (v) =>
      expect((await v.json('guess')) as unknown).toMatchObject({
        weights: { shape: [1, 1, 3, 3], data: new Array(9).fill(0) },
      }),
  },
  {
    note: 'intro',
    text: 'the same nine weights are used at every position, each weight',
    check: async (v) => expect((await kernelShape(v, 'guess')).slice(2)).toEqual([3, 3]),
  },
  {
    note: 'intro',
    text: 'all 256 positions',
    check: async (v) => {
      const gradient = (await v.json('gradient')) as {
        gradient: { data: number[] };
        perPosition: { shape: number[]; data: number[] };
      };
      expect(size(gradient.perPosition.shape)).toBe(256);
      const sum = gradient.perPosition.data.reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(gradient.gradient.data[5] ?? Number.NaN, 4); // selectedWeight [0, 0, 1, 2]
    },
  },
  {
    note: 'outro',
    text: '[−1 0 1; −2 0 2; −1 0 1]',
    check: async (v) =>
      expect((await training(v, 'learn')).learnedWeights.data.map(Math.round)).toEqual([
        -1, 0, 1, -2, 0, 2, -1, 0, 1,
      ]),
  },
  {
    note: 'outro',
    text: 'the loss falls from 1.45 to below 10⁻⁷',
    check: async (v) => {
      const curve = (await training(v, 'learn')).lossCurve;
      expect(curve[0]?.toFixed(2)).toBe('1.45');
      expect(curve.at(-1)).toBeLessThan(1e-7);
    },
  },
  { note: 'outro', text: 'curvature 5.68', check: 'learning-rate-claims.test.ts' },
  { note: 'outro', text: 'A rate above 2 / 5.68 = 0.352', check: 'learning-rate-claims.test.ts' },
  { note: 'outro', text: 'try 0.36', check: 'learning-rate-claims.test.ts' },
  {
    note: 'outro',
    text: '(curvature 0.088): 2 / (5.68 + 0.088) = 0.347',
    check: 'learning-rate-claims.test.ts',
  },
  {
    note: 'outro',
    text: 'After 200 steps the loss is 7·10⁻⁸ at a rate of 0.3 and 2·10⁻⁸ at 0.34, but 6·10⁻⁶ at 0.35',
    check: async (v) => {
      const run = await training(v, 'learn');
      expect(run.steps).toBe(200);
      expect(run.lossCurve.at(-1)?.toExponential(0)).toBe('7e-8');
    },
  },
];

const shiftClaims: Claim[] = [
  {
    note: 'intro',
    text: 'each 4×4 block',
    check: async (v) => expect(await shapeOf(v, 'pooled')).toEqual([1, 24 / 4, 24 / 4]),
  },
  {
    note: 'intro',
    text: 'survives a move as long as its strongest response stays inside the block. The comparisons',
    check: 'shift-claims.test.ts',
  },
  {
    note: 'blockNote',
    text: 'The one-pixel move changes 56 of the 84 active feature-map units (67 %) but only 7 of the 16 active pooled units (44 %)',
    check: async (v) => {
      expect(await v.figures('mapChange')).toMatchObject({ changed: 56, active: 84 });
      expect(await v.figures('pooledChange')).toMatchObject({ changed: 7, active: 16 });
      expect([percent(56, 84), percent(7, 16)]).toEqual([67, 44]);
    },
  },
  {
    note: 'blockNote',
    text: 'the digit moves 4 px: 17 of the 22 active pooled units change (77 %)',
    check: async (v) => {
      expect(await v.figures('pooled4Change')).toMatchObject({ changed: 17, active: 22 });
      expect(percent(17, 22)).toBe(77);
      expect((await v.figures('pooled4Moved')).changed).toBe(0);
    },
  },
];

const paddingClaims: Claim[] = [
  {
    note: 'intro',
    text: 'the same 16×16 letter with the same 3×3 kernel',
    check: async (v) => {
      expect(await shapeOf(v, 'letter')).toEqual([1, 16, 16]);
      expect(await kernelShape(v, 'outline')).toEqual([1, 1, 3, 3]);
    },
  },
  {
    note: 'intro',
    text: 'out = ⌊(in + padding − effective kernel) / stride⌋ + 1, where a dilated kernel spans (k − 1)·d + 1 pixels',
    check: async (v) => {
      const span = (3 - 1) * 2 + 1;
      expect(await shapeOf(v, 'dilation2')).toEqual([1, 16 - span + 1, 16 - span + 1]);
      expect(await shapeOf(v, 'full')).toEqual([1, 16 + 4 - 3 + 1, 16 + 4 - 3 + 1]);
    },
  },
  {
    note: 'padNote',
    text: 'Stride 2 keeps one output in four',
    check: async (v) => expect(size(await shapeOf(v, 'same')) / size(await shapeOf(v, 'stride2'))).toBe(4),
  },
];

const rgbClaims: Claim[] = [
  {
    note: 'intro',
    text: 'A colour image is 32×32×3: three stacked planes. A kernel for it is 3×3×3 — one 3×3 slice per colour plane',
    check: async (v) => {
      expect(await shapeOf(v, 'shapes')).toEqual([3, 32, 32]);
      expect(await kernelShape(v, 'redMinusBlue')).toEqual([1, 3, 3, 3]);
    },
  },
  {
    note: 'intro',
    text: 'all 27 numbers',
    check: async (v) => expect((await v.stats('bankStats')).layers[0]?.connections).toBe(2 * 32 * 32 * 27),
  },
  {
    note: 'intro',
    text: '32×32×1 with',
    check: async (v) => expect(await shapeOf(v, 'oneMap')).toEqual([1, 32, 32]),
  },
  {
    note: 'broadcastNote',
    text: 'A flat 3×3 kernel',
    check: async (v) => {
      expect(await kernelShape(v, 'sobelX')).toEqual([1, 1, 3, 3]);
      expect(await shapeOf(v, 'flatOnColour')).toEqual([1, 32, 32]);
    },
  },
];

const signalClaims: Claim[] = [
  {
    note: 'compare',
    text: 'The 5-tap box average',
    check: async (v) => {
      expect(await kernelShape(v, 'box5')).toEqual([1, 1, 1, 5]);
      // "more than a dozen small bumps besides the three real ones"
      expect(await peakCount(v, 'boxPeaks')).toBeGreaterThan(12 + 3);
    },
  },
  {
    note: 'compare',
    text: 'The 13-tap gaussian',
    check: async (v) => {
      expect(await kernelShape(v, 'gauss13')).toEqual([1, 1, 1, 13]);
      expect(await peakCount(v, 'smoothPeaks')).toBe(3);
    },
  },
];

const claimsByExample: Record<string, Claim[]> = {
  lecture: lectureClaims,
  'learn-a-kernel': learnClaims,
  'pooling-invariance': shiftClaims,
  'padding-stride-dilation': paddingClaims,
  'rgb-3d-kernels': rgbClaims,
  'signal-peaks': signalClaims,
  'sobel-edges': [],
};

async function notesOf(name: string): Promise<Map<string, string>> {
  const document = JSON.parse(await readFile(join(examplesDir, `${name}.json`), 'utf8')) as {
    cells: { id: string; kind: string; params?: { markdown?: string } }[];
  };
  return new Map(
    document.cells.filter((c) => c.kind === 'note').map((c) => [c.id, c.params?.markdown ?? '']),
  );
}

describe.each(Object.entries(claimsByExample))('the numbers in %s’s notes', (name, claims) => {
  let values: ExampleValues;
  let notes: Map<string, string>;
  beforeAll(async () => {
    [values, notes] = await Promise.all([runExample(name), notesOf(name)]);
  }, 60_000);

  it('are each quoted exactly and equal what the cells compute', async () => {
    for (const claim of claims) {
      expect(notes.get(claim.note), `${name}: note ${claim.note}`).toContain(claim.text);
      if (typeof claim.check !== 'string') await claim.check(values);
    }
  });

  it('are all claimed: no digit is left in a note once the claimed phrases are removed', () => {
    for (const [id, markdown] of notes) {
      const rest = claims
        .filter((c) => c.note === id)
        .reduce((text, c) => text.replace(c.text, ''), markdown);
      expect(rest.match(/.{0,30}\d.{0,30}/g) ?? [], `${name}: unclaimed numbers in note ${id}`).toEqual([]);
    }
  });
});

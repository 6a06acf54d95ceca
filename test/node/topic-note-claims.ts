import { expect } from 'vitest';
import { type Claim, kernelShape, peakCount, percent, shapeOf, size, training } from './note-claims';

/** The topic notebooks' notes, phrase by phrase. */
export const learnClaims: Claim[] = [
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

export const shiftClaims: Claim[] = [
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

export const paddingClaims: Claim[] = [
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

export const rgbClaims: Claim[] = [
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

export const signalClaims: Claim[] = [
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

import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Notebook, parseNotebook, serializeNotebook } from '@convbook/cells';
import { at, findPeaks } from '@convbook/core';
import { describe, expect, it } from 'vitest';

const examplesDir = resolve(import.meta.dirname, '../../examples');
const files = (await readdir(examplesDir)).filter((f) => f.endsWith('.json'));

describe('example notebooks', () => {
  it('includes the lecture, the topic notebooks, the digits network and LeNet-5', () => {
    expect(files.sort()).toEqual([
      'digits.json',
      'learn-a-kernel.json',
      'lecture.json',
      'lenet5.json',
      'padding-stride-dilation.json',
      'pooling-invariance.json',
      'rgb-3d-kernels.json',
      'signal-peaks.json',
      'sobel-edges.json',
    ]);
  });

  it.each(files)('%s survives a serialize → parse round trip unchanged', async (file) => {
    const document = parseNotebook(await readFile(resolve(examplesDir, file), 'utf8'));
    expect(parseNotebook(serializeNotebook(document))).toEqual(document);
  });
});

describe('what the examples claim', () => {
  it('signal-peaks: the raw signal has dozens of peaks, the gaussian-smoothed one exactly three', async () => {
    const document = parseNotebook(await readFile(resolve(examplesDir, 'signal-peaks.json'), 'utf8'));
    const notebook = Notebook.fromDocument(document);
    await notebook.whenIdle();
    const peaksOf = (id: string): number[] => {
      const state = notebook.states().get(id);
      if (state?.status !== 'ok' || state.value.type !== 'tensor') throw new Error(`${id} has no tensor`);
      return findPeaks(state.value.tensor.data).map((p) => p.index);
    };
    expect(peaksOf('signal').length).toBeGreaterThan(20);
    // The bumps sit at 20 %, 50 % and 80 % of 128 samples.
    expect(peaksOf('smooth')).toEqual([26, 63, 102]);
    expect(peaksOf('boxSmooth').length).toBeGreaterThan(3);
    notebook.dispose();
  });

  it('learn-a-kernel: gradient descent recovers Sobel x and the loss falls by more than 10⁵', async () => {
    const document = parseNotebook(await readFile(resolve(examplesDir, 'learn-a-kernel.json'), 'utf8'));
    const notebook = Notebook.fromDocument(document);
    await notebook.whenIdle();
    const state = notebook.states().get('learn');
    if (state?.status !== 'ok' || state.value.type !== 'grad' || state.value.training === undefined) {
      throw new Error('learn did not train');
    }
    const { lossCurve, learnedWeights } = state.value.training;
    expect(at(lossCurve, 0) / (lossCurve.at(-1) as number)).toBeGreaterThan(1e5);
    expect(Array.from(learnedWeights.data, (w) => Math.round(w))).toEqual([-1, 0, 1, -2, 0, 2, -1, 0, 1]);
    notebook.dispose();
  });
});

describe('which operation the examples say they use', () => {
  it.each(files)(
    '%s: its first note names cross-correlation, and its maps are computed that way',
    async (file) => {
      const document = JSON.parse(await readFile(resolve(examplesDir, file), 'utf8')) as {
        cells: { id: string; kind: string; params?: { markdown?: string; flip?: boolean } }[];
      };
      const firstNote = document.cells.find((c) => c.kind === 'note')?.params?.markdown ?? '';
      const namedInFirstNotes = document.cells
        .filter((c) => c.kind === 'note')
        .slice(0, 4)
        .some((c) => /cross-correlation/.test(c.params?.markdown ?? ''));
      expect(namedInFirstNotes || /cross-correlation/.test(firstNote), file).toBe(true);
      const flipped = document.cells
        .filter((c) => c.kind === 'conv' && c.params?.flip === true)
        .map((c) => c.id);
      expect(flipped).toEqual(file === 'lecture.json' ? ['validFlipped', 'convolution'] : []);
    },
  );

  it('sobel-edges: Sobel x slides as written, so it is positive where the right side is brighter', async () => {
    const notebook = Notebook.fromDocument(
      parseNotebook(await readFile(resolve(examplesDir, 'sobel-edges.json'), 'utf8')),
    );
    await notebook.whenIdle();
    const tensorOf = (id: string) => {
      const state = notebook.states().get(id);
      if (state?.status !== 'ok' || state.value.type !== 'tensor') throw new Error(`${id} has no tensor`);
      return state.value.tensor;
    };
    const edges = tensorOf('edgesX');
    const [, image] = [...notebook.document.cells]
      .filter((c) => c.id === 'edgesX')
      .map((c) => c.inputs?.input);
    const source = tensorOf(
      image ?? notebook.document.cells.find((c) => c.id === 'edgesX')?.inputs?.input ?? '',
    );
    const [, h = 0, w = 0] = source.shape;
    const at = (y: number, x: number) =>
      y < 0 || y >= h || x < 0 || x >= w ? 0 : (source.data[y * w + x] ?? 0);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        // Sobel x written as [−1 0 1; −2 0 2; −1 0 1]: right column minus left column, centre row twice.
        let byHand = 0;
        for (const [dy, weight] of [
          [-1, 1],
          [0, 2],
          [1, 1],
        ] as const)
          byHand += weight * (at(y + dy, x + 1) - at(y + dy, x - 1));
        expect(Math.abs((edges.data[y * w + x] ?? 0) - byHand)).toBeLessThan(1e-4);
      }
    notebook.dispose();
  });

  it('signal-peaks: the slope is positive where the smoothed signal rises', async () => {
    const notebook = Notebook.fromDocument(
      parseNotebook(await readFile(resolve(examplesDir, 'signal-peaks.json'), 'utf8')),
    );
    await notebook.whenIdle();
    const dataOf = (id: string) => {
      const state = notebook.states().get(id);
      if (state?.status !== 'ok' || state.value.type !== 'tensor') throw new Error(`${id} has no tensor`);
      return state.value.tensor.data;
    };
    const smooth = dataOf('smooth');
    const slope = dataOf('slope');
    for (let i = 1; i < smooth.length - 1; i++) {
      const byHand = ((smooth[i + 1] ?? 0) - (smooth[i - 1] ?? 0)) / 2;
      expect(Math.abs((slope[i] ?? 0) - byHand)).toBeLessThan(1e-5);
    }
    notebook.dispose();
  });
});

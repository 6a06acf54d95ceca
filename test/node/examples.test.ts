import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Notebook, parseNotebook, serializeNotebook } from '@convbook/cells';
import { findPeaks } from '@convbook/core';
import { describe, expect, it } from 'vitest';

const examplesDir = resolve(import.meta.dirname, '../../examples');
const files = (await readdir(examplesDir)).filter((f) => f.endsWith('.json'));

describe('example notebooks', () => {
  it('includes the lecture and the seven topic notebooks', () => {
    expect(files.sort()).toEqual([
      'digits.json',
      'learn-a-kernel.json',
      'lecture.json',
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
    expect((lossCurve[0] as number) / (lossCurve.at(-1) as number)).toBeGreaterThan(1e5);
    expect(Array.from(learnedWeights.data, (w) => Math.round(w))).toEqual([-1, 0, 1, -2, 0, 2, -1, 0, 1]);
    notebook.dispose();
  });
});

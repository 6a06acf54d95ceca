import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getKernels } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { runNotebook } from './run-notebook';

/** A tiny digits network: 200 training digits, one epoch, so the runner's train fields can be checked quickly. */
const notebook = {
  format: 'convbook',
  version: 1,
  title: 'tiny digits',
  cells: [
    { id: 'digits', kind: 'digits', params: { trainSize: 200, testSize: 50 } },
    { id: 'draw', kind: 'drawn-digit', params: {} },
    { id: 'w1', kind: 'weights', params: { shape: [2, 1, 3, 3] } },
    {
      id: 'c1',
      kind: 'conv',
      inputs: { input: 'draw', kernel: 'w1' },
      params: { padding: 1, activation: 'relu' },
    },
    { id: 'p1', kind: 'pool', inputs: { input: 'c1' }, params: { kind: 'max', size: 4 } },
    { id: 'flat', kind: 'flatten', inputs: { input: 'p1' } },
    { id: 'w2', kind: 'weights', params: { shape: [10, 98], init: 'glorot' } },
    { id: 'scores', kind: 'dense', inputs: { input: 'flat', weights: 'w2' }, params: { units: 10 } },
    {
      id: 'ce',
      kind: 'loss',
      inputs: { prediction: 'scores' },
      params: { loss: 'cross-entropy', targetClass: 0 },
    },
    { id: 'train', kind: 'train', inputs: { dataset: 'digits', loss: 'ce' }, params: { epochs: 1 } },
  ],
};

describe('the runner on a train cell', () => {
  it('loads the WASM kernels, writes the training figures to the summary and the learned weights with --values', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'convbook-train-'));
    try {
      const result = await runNotebook(notebook, { outDir, values: true });
      expect(result.exitCode).toBe(0);
      expect(getKernels().name).toBe('wasm-simd');
      const summary = JSON.parse(await readFile(join(outDir, 'summary.json'), 'utf8'));
      const train = summary.cells.find((c: { id: string }) => c.id === 'train');
      expect(train).toMatchObject({ status: 'ok', steps: 10, examplesSeen: 200, trainStatus: 'done' });
      for (const field of ['testAccuracy', 'trainAccuracy', 'seconds', 'examplesPerSecond']) {
        expect(typeof train[field], field).toBe('number');
      }
      expect(train.testAccuracy).toBeGreaterThanOrEqual(0);
      expect(train.testAccuracy).toBeLessThanOrEqual(1);
      const weights = JSON.parse(await readFile(join(outDir, 'train-weights.json'), 'utf8'));
      expect(Object.keys(weights)).toEqual(['w1', 'w2']);
      expect(weights.w2.shape).toEqual([10, 98]);
      expect(weights.w2.weights).toHaveLength(980);
      expect(weights.w2.bias).toHaveLength(10);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});

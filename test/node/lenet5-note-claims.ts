import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findCellKind } from '@convbook/cells';
import { LENET5_LAYERS } from '@convbook/core';
import { expect } from 'vitest';
import { type ExampleValues, examplesDir } from './example-values';
import { rowOf } from './network-note-claims';
import { type Claim, percent } from './note-claims';

/**
 * The notes of lenet5.json and digits.json. LeNet-5's figures are worked out from its layer shapes
 * (32×32 → C1 6@5×5 → S2 avg 2 → C3 16@5×5×6 → S4 avg 2 → C5 120@5×5×16 → F6 84 → output 10) and, where
 * the paper states them, against the paper (LeCun et al., section II-B); lenet5-claims.test.ts checks the
 * whole table. The digits notebook trains when run, so its claims read the document only.
 */
const lenet = (v: ExampleValues) => v.stats('stats');

const W = {
  C1: 6 * 25 + 6,
  C3: 16 * 6 * 25 + 16,
  C5: 120 * 16 * 25 + 120,
  F6: 84 * 120 + 84,
  Out: 10 * 84 + 10,
};
const C = {
  C1: 6 * 28 * 28 * 25,
  S2: 6 * 14 * 14 * 4,
  C3: 16 * 10 * 10 * (6 * 25),
  S4: 16 * 5 * 5 * 4,
  C5: 120 * 16 * 25,
  F6: 84 * 120,
  Out: 10 * 84,
};
const allWeights = Object.values(W).reduce((a, b) => a + b, 0);
const allConnections = Object.values(C).reduce((a, b) => a + b, 0);
const multiplyAdds = allConnections - C.S2 - C.S4;

/** The notebook's layers are core's LENET5_LAYERS, in order, each titled by its name in the paper. */
async function layerNames(v: ExampleValues): Promise<void> {
  const document = JSON.parse(await readFile(join(examplesDir, 'lenet5.json'), 'utf8')) as {
    cells: { id: string; title?: string }[];
  };
  const titles = new Map(document.cells.map((c) => [c.id, c.title ?? '']));
  const stats = await lenet(v);
  expect(stats.layers.map((l) => titles.get(l.cellId)?.split(':')[0])).toEqual(
    LENET5_LAYERS.map((l) => l.name),
  );
  expect(stats.layers.map((l) => l.kind)).toEqual(LENET5_LAYERS.map((l) => l.spec.kind));
}

const names = (note: string, which: readonly string[]): Claim[] =>
  which.map((name) => ({
    note,
    text: name,
    everywhere: true,
    check: layerNames,
  }));

export const lenet5Claims: Claim[] = [
  ...names('intro', ['LeNet-5', 'S2', 'C3', 'S4', 'F6']),
  ...names('sizes', ['C1', 'C3', 'C5', 'F6']),
  {
    note: 'intro',
    text: 'reads a 32×32 digit through two rounds of 5×5 convolution and 2×2 subsampling, a third 5×5 convolution that leaves 120 maps of 1×1, and two fully connected layers of 84 and 10 units',
    check: async (v) => {
      const stats = await lenet(v);
      expect(stats.inputShape).toEqual([1, 32, 32]);
      expect(stats.layers.map((l) => [l.cellId, l.kind, l.outputShape])).toEqual([
        ['c1', 'conv', [6, 28, 28]],
        ['s2', 'pool', [6, 14, 14]],
        ['c3', 'conv', [16, 10, 10]],
        ['s4', 'pool', [16, 5, 5]],
        ['c5', 'conv', [120, 1, 1]],
        ['f6', 'dense', [84, 1, 1]],
        ['output', 'dense', [10, 1, 1]],
      ]);
    },
  },
  {
    note: 'intro',
    text: 'every C3 map reads all six S2 maps (the paper wires 60 of the 96 pairs)',
    check: async (v) => {
      expect(16 * 6).toBe(96);
      expect(((await v.json('c3Weights')) as { weights: { shape: number[] } }).weights.shape).toEqual([
        16, 6, 5, 5,
      ]);
    },
  },
  {
    note: 'sizes',
    text: "C1 has 156 weights, as in the paper, and makes 117,600 connections; the paper's 122,304 also counts each unit's bias as a connection, one more for each of its 4,704 units",
    check: async (v) => {
      expect([W.C1, C.C1, 6 * 28 * 28, C.C1 + 6 * 28 * 28]).toEqual([156, 117_600, 4_704, 122_304]);
      expect(rowOf(await lenet(v), 'c1')).toMatchObject({ weights: 156, connections: 117_600, units: 4_704 });
    },
  },
  {
    note: 'sizes',
    text: "C5's 5×5 kernels cover its whole 5×5 input, so each of its 120 units has 400 weights of its own, like a fully connected layer: 48,120 weights with biases, 48,000 connections",
    check: async (v) => {
      expect([16 * 25, W.C5, C.C5]).toEqual([400, 48_120, 48_000]);
      expect(rowOf(await lenet(v), 'c5')).toMatchObject({ weights: 48_120, connections: 48_000, units: 120 });
    },
  },
  {
    note: 'sizes',
    text: 'F6 has 10,164 weights, as in the paper',
    check: async (v) => expect(rowOf(await lenet(v), 'f6').weights).toBe(10_164),
  },
  {
    note: 'sizes',
    text: 'C5, F6 and the output hold 59,134 of the 61,706 weights (96 %)',
    check: async (v) => {
      const last = W.C5 + W.F6 + W.Out;
      expect([last, allWeights, percent(last, allWeights)]).toEqual([59_134, 61_706, 96]);
      expect((await lenet(v)).totals.weights).toBe(allWeights);
    },
  },
  {
    note: 'sizes',
    text: 'C1 and C3 hold only 2,572 of them but make 357,600 of the 422,824 connections (85 %) and do 357,600 of the 416,520 multiply-adds (86 %)',
    check: async (v) => {
      const conv = C.C1 + C.C3;
      expect([W.C1 + W.C3, conv, allConnections, percent(conv, allConnections)]).toEqual([
        2_572, 357_600, 422_824, 85,
      ]);
      expect([multiplyAdds, percent(conv, multiplyAdds)]).toEqual([416_520, 86]);
      const { totals } = await lenet(v);
      expect([totals.connections, totals.forward.multiplyAdds]).toEqual([allConnections, multiplyAdds]);
    },
  },
  {
    note: 'sizes',
    text: '61,706 float32 numbers are about 247 kB',
    check: async () => expect(Math.round((allWeights * 4) / 1e3)).toBe(247),
  },
  {
    note: 'sizes',
    text: 'F6 and the output then read weights = connections (10,080 and 840)',
    check: 'lenet5-claims.test.ts (Count biases off)',
  },
];

async function digitsCells(): Promise<Map<string, { kind: string; params?: Record<string, unknown> }>> {
  const document = JSON.parse(await readFile(join(examplesDir, 'digits.json'), 'utf8')) as {
    cells: { id: string; kind: string; params?: Record<string, unknown> }[];
  };
  return new Map(document.cells.map((c) => [c.id, c]));
}

export const digitsClaims: Claim[] = [
  {
    note: 'counts',
    text: 'in a classic CNN such as LeNet-5 (examples/lenet5.json) the fully connected layers hold almost all the weights',
    check: 'lenet5-claims.test.ts (most weights sit where weights = connections)',
  },
  {
    note: 'intro',
    text: 'two conv layers of 5×5 kernels with ReLU',
    check: async () => {
      const cells = await digitsCells();
      const kernelSide = (id: string) => (cells.get(id)?.params?.shape as number[] | undefined)?.slice(2);
      expect([kernelSide('w1'), kernelSide('w2')]).toEqual([
        [5, 5],
        [5, 5],
      ]);
      expect([cells.get('conv1'), cells.get('conv2')].map((c) => c?.params?.activation)).toEqual([
        'relu',
        'relu',
      ]);
    },
  },
  {
    note: 'intro',
    text: 'on 8,000 real handwritten digits, and scores the result on 2,000 digits it never saw',
    check: async () => {
      const parsed = findCellKind('digits')?.parseParams((await digitsCells()).get('digits')?.params, 'p');
      if (parsed === undefined || 'problems' in parsed) throw new Error('digits cell does not parse');
      expect(parsed.params).toMatchObject({ trainSize: 8000, testSize: 2000 });
    },
  },
  {
    note: 'intro',
    text: 'in batches of ten (4,800 steps)',
    check: async () => {
      const train = findCellKind('train')?.parseParams((await digitsCells()).get('train')?.params, 'p');
      if (train === undefined || 'problems' in train) throw new Error('train cell does not parse');
      expect(train.params).toMatchObject({ epochs: 6, batchSize: 10, shift: 1, schedule: 'cosine' });
      expect((8000 / 10) * 6).toBe(4800);
    },
  },
  {
    note: 'intro',
    text: 'about 98 % on the unseen digits',
    check:
      'packages/cells/bench/train-bench.ts (its time-to-accuracy row runs this notebook and prints the test accuracy; 97.75–98.1 % over seeds 1–5)',
  },
  {
    note: 'counts',
    text: 'its dense layer reads only 256 values',
    check: async () => {
      // 28 → conv pad 2 → 28 → pool 2 → 14 → conv pad 2 → 14 → pool 3 stride 3 → 4; 16 maps of 4×4.
      expect(16 * (Math.floor((14 - 3) / 3) + 1) ** 2).toBe(256);
      expect((await digitsCells()).get('w3')?.params?.shape).toEqual([10, 256]);
    },
  },
];

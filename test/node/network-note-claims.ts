import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findCellKind, type StatsRow, type StatsValue } from '@convbook/cells';
import { expect } from 'vitest';
import { type ExampleValues, examplesDir } from './example-values';
import { type Claim, percent } from './note-claims';

/**
 * The lecture's closing section on the digits network (cells net*, stats cell netStats). Every figure is
 * worked out again here from the layer shapes — 28×28 input, conv 8@5×5 pad 2, max pool 2, conv 16@5×5×8
 * pad 2, max pool 3 stride 3, dense 10 ← 256 — and compared with the stats cell's value.
 */
export function rowOf(stats: StatsValue, cellId: string): StatsRow {
  const row = stats.layers.find((l) => l.cellId === cellId);
  if (row === undefined) throw new Error(`no row for ${cellId}`);
  return row;
}

const net = (v: ExampleValues) => v.stats('netStats');

/** Taps of a k-wide kernel along n positions with p zeros each side ('same' at stride 1) that meet real inputs. */
const realTaps = (n: number, k: number, p: number) => n * k - p * (p + 1);

const conv1 = { weights: 8 * 5 * 5 + 8, connections: 8 * 28 * 28 * 25 };
const conv2 = { weights: 16 * 8 * 5 * 5 + 16, connections: 16 * 14 * 14 * (8 * 25) };
const dense = { weights: 10 * 256 + 10, connections: 10 * 256 };
const multiplyAdds = conv1.connections + conv2.connections + dense.connections;
const weights = conv1.weights + conv2.weights + dense.weights;
// Kept for backprop: the input, conv 1, pool 1, conv 2, pool 2 and the scores (the flattened vector is pool 2).
const kept = 28 * 28 + 8 * 28 * 28 + 8 * 14 * 14 + 16 * 14 * 14 + 16 * 4 * 4 + 10;

interface DocCell {
  readonly id: string;
  readonly kind: string;
  readonly params?: Record<string, unknown>;
}

async function cellsOf(name: string): Promise<Map<string, DocCell>> {
  const document = JSON.parse(await readFile(join(examplesDir, `${name}.json`), 'utf8')) as {
    cells: DocCell[];
  };
  return new Map(document.cells.map((c) => [c.id, c]));
}

export const networkClaims: Claim[] = [
  {
    note: 'wholeNetwork',
    text: 'on the 8,000 handwritten digits of its training split',
    check: async () => {
      const digits = (await cellsOf('digits')).get('digits');
      const parsed = findCellKind('digits')?.parseParams(digits?.params, 'params');
      if (parsed === undefined || 'problems' in parsed) throw new Error('digits cell does not parse');
      expect(parsed.params).toMatchObject({ trainSize: 8000, testSize: 2000 });
    },
  },
  {
    note: 'wholeNetwork',
    text: 'scores it on the 2,000 digits it holds out',
    check: async () => {
      const parsed = findCellKind('digits')?.parseParams({}, 'params');
      if (parsed === undefined || 'problems' in parsed) throw new Error('digits cell does not parse');
      expect(parsed.params.testSize).toBe(2000);
    },
  },
  {
    note: 'wholeNetwork',
    text: 'Below is that network again, untrained',
    check: async () => {
      // The lecture's copy has the digits notebook's layers, cell for cell.
      const [lecture, digits] = await Promise.all([cellsOf('lecture'), cellsOf('digits')]);
      const pairs = [
        ['netW1', 'w1'],
        ['netConv1', 'conv1'],
        ['netPool1', 'pool1'],
        ['netW2', 'w2'],
        ['netConv2', 'conv2'],
        ['netPool2', 'pool2'],
        ['netW3', 'w3'],
        ['netScores', 'scores'],
      ];
      for (const [ours, theirs] of pairs) {
        expect(lecture.get(ours as string)?.params, ours).toEqual(digits.get(theirs as string)?.params);
      }
    },
  },
  {
    note: 'networkCounts',
    text: 'The first conv layer has 8 kernels of 5×5: 208 weights with their biases, but each kernel is used at all 784 positions, so it makes 156,800 connections per digit (13,152 of them land on the zero border)',
    check: async (v) => {
      expect([conv1.weights, conv1.connections, 28 * 28]).toEqual([208, 156_800, 784]);
      const border = conv1.connections - 8 * realTaps(28, 5, 2) ** 2;
      expect(border).toBe(13_152);
      expect(rowOf(await net(v), 'netConv1')).toMatchObject({ ...conv1, paddingConnections: border });
    },
  },
  {
    note: 'networkCounts',
    text: 'The second has 3,216 weights and 627,200 connections',
    check: async (v) => {
      expect([conv2.weights, conv2.connections]).toEqual([3_216, 627_200]);
      expect(rowOf(await net(v), 'netConv2')).toMatchObject(conv2);
    },
  },
  {
    note: 'networkCounts',
    text: 'The dense layer has 2,570 weights and 2,560 connections: every connection has its own weight, and each of its 10 units adds a bias',
    check: async (v) => {
      expect([dense.weights, dense.connections]).toEqual([2_570, 2_560]);
      expect(rowOf(await net(v), 'netScores')).toMatchObject({ ...dense, units: 10 });
    },
  },
  {
    note: 'networkCounts',
    text: 'its row reads 2,560 weights for 2,560 connections',
    check: async (v) => {
      // Without biases the row loses one weight per unit (stats-cell.dense.test.ts) and no connection.
      const row = rowOf(await net(v), 'netScores');
      expect([row.weights - row.units, row.connections]).toEqual([10 * 256, 2_560]);
    },
  },
  {
    note: 'networkCounts',
    text: 'The conv layers do 784,000 of the 786,560 multiply-adds (99.7 %) with 3,424 of the 5,994 weights (57 %)',
    check: async (v) => {
      const stats = await net(v);
      const convMacs = conv1.connections + conv2.connections;
      const convWeights = conv1.weights + conv2.weights;
      expect([convMacs, multiplyAdds, ((1000 * convMacs) / multiplyAdds).toFixed(0)]).toEqual([
        784_000,
        786_560,
        '997',
      ]);
      expect([convWeights, weights, percent(convWeights, weights)]).toEqual([3_424, 5_994, 57]);
      expect(stats.totals.forward.multiplyAdds).toBe(multiplyAdds);
      expect(stats.totals.weights).toBe(weights);
    },
  },
  {
    note: 'networkCounts',
    text: 'its dense layer reads only 256 values',
    check: async (v) => {
      expect(16 * Math.floor((14 - 3) / 3 + 1) ** 2).toBe(256);
      expect((await v.tensor('netFlat')).shape).toEqual([256]);
    },
  },
  {
    note: 'networkCounts',
    text: 'In LeNet-5 (examples/lenet5.json, and the sizes section above) the fully connected layers hold almost all of them',
    check: 'lenet5-claims.test.ts (96 % of the weights in C5, F6 and the output)',
  },
  {
    note: 'networkCounts',
    text: "12,026 values, the training column's total",
    check: async (v) => {
      expect(kept).toBe(12_026);
      expect((await net(v)).totals.memoryTraining).toBe(kept);
    },
  },
  {
    note: 'networkCounts',
    text: "at most 7,840, while the first pool reads the first conv layer's maps",
    check: async (v) => {
      const stats = await net(v);
      expect(8 * 28 * 28 + 8 * 14 * 14).toBe(7_840);
      expect(stats.totals.memoryInference).toBe(7_840);
      expect(rowOf(stats, 'netPool1').memoryLive).toBe(7_840);
    },
  },
  {
    note: 'networkCounts',
    text: 'for a batch of 10 that is 2 × 12,026 × 10 float32 values, about 0.96 MB, against 24 kB for the weights',
    check: async (v) => {
      expect(((2 * kept * 10 * 4) / 1e6).toFixed(2)).toBe('0.96');
      expect(Math.round((weights * 4) / 1e3)).toBe(24);
      const train = (await cellsOf('digits')).get('train');
      expect(train?.params?.batchSize).toBe(10);
      expect((await net(v)).totals.weights).toBe(weights);
    },
  },
];

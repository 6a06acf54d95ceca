import { getKernels, ready } from '@convbook/core';
import { trainCell } from '../../packages/cells/src/kinds/train/train-cell';
import {
  barsCells,
  barsDataset,
  barsValues,
  computeCell,
} from '../../packages/cells/src/kinds/train/train-fixture.test-helper';

/** Trains the bars network of the train cell's tests; the same code runs in Node and, bundled, in Chromium. */
export async function trainBars(): Promise<{
  kernels: string;
  losses: number[];
  weights: number[];
  testAccuracy: number;
}> {
  await ready();
  const cells = barsCells({
    optimizer: 'adam',
    learningRate: 0.01,
    epochs: 4,
    batchSize: 10,
    seed: 3,
    shift: 1,
  });
  const value = await computeCell(trainCell, cells, await barsValues(cells, barsDataset()), 'train');
  if (value.type !== 'train') throw new Error('not a train value');
  return {
    kernels: getKernels().name,
    losses: value.lossCurve.map((p) => p.loss),
    weights: value.weights.flatMap((w) => [...w.weights, ...w.bias]),
    testAccuracy: value.testAccuracy,
  };
}

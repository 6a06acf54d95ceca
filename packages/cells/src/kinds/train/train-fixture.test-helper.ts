import { createRandom, Tensor } from '@convbook/core';
import type { CellValue } from '../../cell-value';
import type { CellSpec } from '../../document/notebook-document';
import type { CellKind, ComputeContext } from '../define-cell-kind';
import { weightsCell } from '../weights-cell';
import type { DatasetSplit, DatasetValue } from './train-value';

/**
 * A small classification task and network for the train kinds' tests: 8×8 pictures of a vertical or a
 * horizontal bar at a random place, with noise; conv 3×3 ×4 ReLU → max pool 2 → flatten → dense 2.
 */
export function barsDataset(trainCount = 200, testCount = 100, seed = 7): DatasetValue {
  const random = createRandom(seed);
  const split = (count: number): DatasetSplit => {
    const pixels = new Uint8Array(count * 64);
    const labels = new Uint8Array(count);
    for (let n = 0; n < count; n++) {
      const label = n % 2;
      labels[n] = label;
      const at = 1 + Math.floor(random() * 6);
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          const on = label === 0 ? x === at : y === at;
          pixels[n * 64 + y * 8 + x] = on ? 200 + Math.floor(random() * 55) : Math.floor(random() * 60);
        }
      }
    }
    return { pixels, labels, count };
  };
  const test = split(testCount);
  return {
    type: 'dataset',
    name: 'bars',
    imageShape: [1, 8, 8],
    classNames: ['vertical', 'horizontal'],
    train: split(trainCount),
    test,
    samples: { images: new Tensor([1, 8, 8]), labels: [0] },
    credit: 'made up for the tests',
  };
}

export function barsCells(trainParams: Record<string, unknown>, units = 2): CellSpec[] {
  return [
    { id: 'data', kind: 'digits', params: {} },
    { id: 'picture', kind: 'image', params: {} },
    { id: 'k', kind: 'weights', params: { shape: [4, 1, 3, 3], init: 'he', seed: 1 } },
    {
      id: 'conv',
      kind: 'conv',
      inputs: { input: 'picture', kernel: 'k' },
      params: { padding: 'same', activation: 'relu' },
    },
    { id: 'pool', kind: 'pool', inputs: { input: 'conv' }, params: { kind: 'max', size: 2 } },
    { id: 'flat', kind: 'flatten', inputs: { input: 'pool' }, params: {} },
    { id: 'wd', kind: 'weights', params: { shape: [units, 64], init: 'glorot', seed: 2 } },
    { id: 'dense', kind: 'dense', inputs: { input: 'flat', weights: 'wd' }, params: { units } },
    {
      id: 'loss',
      kind: 'loss',
      inputs: { prediction: 'dense' },
      params: { loss: 'cross-entropy', targetClass: 0 },
    },
    { id: 'train', kind: 'train', inputs: { dataset: 'data', loss: 'loss' }, params: trainParams },
  ];
}

/** Upstream values the train cell reads through the graph: the picture and both weights cells. */
export async function barsValues(
  cells: readonly CellSpec[],
  dataset: DatasetValue,
): Promise<Record<string, CellValue>> {
  const values: Record<string, CellValue> = {
    data: dataset,
    picture: { type: 'tensor', tensor: new Tensor([1, 8, 8]) },
  };
  for (const cell of cells) {
    if (cell.kind !== 'weights') continue;
    const parsed = weightsCell.parseParams(cell.params, 'params');
    if ('problems' in parsed) throw new Error(parsed.problems[0]?.message);
    values[cell.id] = await weightsCell.compute({}, parsed.params, fakeContext(cell.id));
  }
  return values;
}

export function fakeContext(cellId: string, extra: Partial<ComputeContext> = {}): ComputeContext {
  return {
    cellId,
    signal: new AbortController().signal,
    progress: () => {},
    graph: { cell: () => undefined, value: () => undefined },
    ...extra,
  };
}

export async function computeCell(
  kind: CellKind,
  cells: readonly CellSpec[],
  values: Record<string, CellValue>,
  cellId: string,
  extra: Partial<ComputeContext> = {},
): Promise<CellValue> {
  const spec = cells.find((c) => c.id === cellId) as CellSpec;
  const parsed = kind.parseParams(spec.params, 'params');
  if ('problems' in parsed) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  const inputs = Object.fromEntries(
    Object.entries(spec.inputs ?? {}).map(([slot, id]) => [slot, values[id] as CellValue]),
  );
  const specs = new Map(cells.map((c) => [c.id, c]));
  const graph = { cell: (id: string) => specs.get(id), value: (id: string) => values[id] };
  return kind.compute(inputs, parsed.params, fakeContext(cellId, { graph, ...extra }));
}

import { type CellState, type NotebookDocument, sameBits } from '@convbook/cells';
import { ready, setFloatStorage, type Tensor } from '@convbook/core';
import { filter, firstValueFrom } from 'rxjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { measureSteps } from '../components/cb-feature-map/map-summary';
import { keptPlanes } from '../paint/plane-lineage';
import { PageNotebook } from '../session/page-notebook';
import { serveNotebook } from './notebook-server';
import type { MessageEndpoint } from './protocol';

// A worker that hands its maps to a page in shared memory sends each plane's range with them, measured by
// the ops as they made the maps (core's plane-ranges.ts); the page's map summary then reads no values.
// Here the real notebook runtime and the page's document run over a MessageChannel in shared-storage mode,
// as on a cross-origin-isolated page, and the page's figures are checked against a plain pass over the
// values it received, before and after an edit that redoes one map of a conv (the reuse path).

const side = 300;
const doc: NotebookDocument = {
  format: 'convbook',
  version: 1,
  title: 'Ranges travel with the maps',
  cells: [
    { id: 'photo', kind: 'image', params: { sample: { name: 'rgb-shapes', size: side } } },
    { id: 'bank', kind: 'kernel', params: { values: bank(0) } },
    {
      id: 'conv',
      kind: 'conv',
      inputs: { input: 'photo', kernel: 'bank' },
      params: { padding: 'same', activation: 'relu' },
    },
    { id: 'pool', kind: 'pool', inputs: { input: 'conv' }, params: { kind: 'max', size: 2 } },
  ],
};

function bruteForce(data: Float32Array, planeSize: number) {
  const planes = [];
  for (let start = 0; start < data.length; start += planeSize) {
    const finite = [...data.subarray(start, start + planeSize)].filter(Number.isFinite);
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of finite) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    planes.push({ min, max, nonFinite: planeSize - finite.length });
  }
  return planes;
}

/** Runs the page's measuring to its end, counting its steps (each step reads up to 128 Ki values). */
function measured(tensor: Tensor) {
  const planeSize = (tensor.shape.at(-1) ?? 1) * (tensor.shape.at(-2) ?? 1);
  const run = measureSteps(tensor.data, planeSize);
  for (let steps = 0; ; steps++) {
    const step = run.next();
    if (step.done) return { planes: step.value.planes, steps, planeSize };
  }
}

const tensorOf = (state: CellState): Tensor => {
  if (state.status !== 'ok' || state.value.type !== 'tensor')
    throw new Error(`not a tensor: ${state.status}`);
  return state.value.tensor;
};

beforeAll(() => ready());
afterEach(() => setFloatStorage('ordinary'));

describe('plane ranges from the worker to the page', () => {
  it('reach the page with the maps, equal to a pass over the values, also after a one-map edit', async () => {
    setFloatStorage('shared');
    const channel = new MessageChannel();
    channel.port1.start();
    channel.port2.start();
    const stopServer = serveNotebook(channel.port2 as unknown as MessageEndpoint);
    const page = new PageNotebook(channel.port1 as unknown as MessageEndpoint);
    try {
      await page.load(doc);
      const okTensor = (id: string, unlike?: Tensor) =>
        firstValueFrom(
          page
            .state$(id)
            .pipe(
              filter(
                (s) =>
                  s.status === 'ok' &&
                  (unlike === undefined || !sameBits(tensorOf(s).data, unlike.data, 0, unlike.size)),
              ),
            ),
        ).then(tensorOf);
      const check = (tensor: Tensor) => {
        expect(tensor.data.buffer).toBeInstanceOf(SharedArrayBuffer);
        const { planes, steps, planeSize } = measured(tensor);
        expect({ steps, shape: tensor.shape }).toEqual({ steps: 0, shape: tensor.shape }); // every plane's range came with the map: nothing read
        expect(planes).toEqual(bruteForce(tensor.data, planeSize));
      };
      const conv = await okTensor('conv');
      const pool = await okTensor('pool');
      check(conv);
      check(pool);

      // One weight of kernel 2 changes: the conv redoes that map and keeps the other three (and says so).
      page.setParams('bank', { values: bank(0.5) });
      const edited = await okTensor('conv', conv);
      expect([...(keptPlanes(edited.data, conv.data) ?? [])]).toEqual([1, 0, 1, 1]);
      check(edited);
      check(await okTensor('pool', pool));
    } finally {
      page.dispose();
      stopServer();
      channel.port1.close();
      channel.port2.close();
    }
  });
});

/** A 4×3×3×3 bank of typed-in values; `nudge` is added to kernel 2's top-left weight of channel 1. */
function bank(nudge: number): number[][][][] {
  const weight = (o: number, c: number, i: number, j: number) =>
    ((o + c + i + j) % 5) / 10 - 0.15 + (o === 1 && c === 0 && i === 0 && j === 0 ? nudge : 0);
  return Array.from({ length: 4 }, (_, o) =>
    Array.from({ length: 3 }, (_, c) =>
      Array.from({ length: 3 }, (_, i) => Array.from({ length: 3 }, (_, j) => weight(o, c, i, j))),
    ),
  );
}

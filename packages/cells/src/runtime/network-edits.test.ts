import { createParallelConv, createRandom, type Random, ready } from '@convbook/core';
import { createNodeWorkerPool } from '@convbook/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNotebook } from '../document/parse-notebook';
import { Notebook } from './notebook';

// Issue 14's edit-to-paint notebook, smaller: a picture through two conv layers, its first kernel bank
// edited weight by weight. Conv and pool redo only what each edit changed (they reuse their last
// compute); after every edit each cell must hold the very bits of the same document computed afresh,
// on one thread and with other cores, so a notebook gives the same numbers in the app and headless.

const parallel = createParallelConv(() => createNodeWorkerPool(2), 0);
beforeAll(() => ready());
afterAll(() => parallel.close());

function bank(random: Random, kernels: number, channels: number): number[][][][] {
  const value = () => Math.round((random() - 0.5) * 500) / 1000;
  const grid = () => Array.from({ length: 3 }, () => Array.from({ length: 3 }, value));
  return Array.from({ length: kernels }, () => Array.from({ length: channels }, grid));
}

function network(variant: { activation: string; paddingMode: string; pool: string; stride?: number }) {
  const { activation, paddingMode, pool, stride } = variant;
  const conv = { padding: 'same', activation, paddingMode, ...(stride === undefined ? {} : { stride }) };
  return parseNotebook({
    format: 'convbook',
    version: 1,
    title: 'edits',
    cells: [
      { id: 'photo', kind: 'image', params: { sample: { name: 'rgb-shapes', size: 48 } } },
      {
        id: 'first',
        kind: 'kernel',
        params: { values: bank(createRandom(1), 6, 3), bias: [0, 0.1, -0.1, 0, 0.2, 0] },
      },
      { id: 'conv1', kind: 'conv', inputs: { input: 'photo', kernel: 'first' }, params: conv },
      { id: 'pool1', kind: 'pool', inputs: { input: 'conv1' }, params: { kind: pool, size: 2 } },
      { id: 'second', kind: 'kernel', params: { random: { shape: [5, 6, 3, 3], seed: 2 } } },
      { id: 'conv2', kind: 'conv', inputs: { input: 'pool1', kernel: 'second' }, params: conv },
      { id: 'pool2', kind: 'pool', inputs: { input: 'conv2' }, params: { kind: pool, size: 2 } },
    ],
  });
}

/** Every cell's value as raw bits (or its status), for an exact comparison. */
async function bitsOf(notebook: Notebook): Promise<Map<string, unknown>> {
  await notebook.whenIdle();
  const out = new Map<string, unknown>();
  for (const [id, state] of notebook.states()) {
    if (state.status !== 'ok') out.set(id, state.status);
    else if (state.value.type === 'tensor')
      out.set(id, [...new Uint32Array(state.value.tensor.data.slice().buffer)]);
    else if (state.value.type === 'kernel') out.set(id, [...state.value.weights.data, ...state.value.bias]);
  }
  return out;
}

/** One edit as the page makes it: a weight of one kernel, sometimes a bias, now and then two kernels. */
function editFirstBank(notebook: Notebook, random: Random): void {
  const params = notebook.document.cells.find((c) => c.id === 'first')?.params as {
    values: number[][][][];
    bias: number[];
  };
  const values = structuredClone(params.values);
  const bias = [...params.bias];
  const touched = random() < 0.2 ? 2 : 1;
  for (let n = 0; n < touched; n++) {
    const o = Math.floor(random() * values.length);
    if (random() < 0.2) bias[o] = Math.round((random() - 0.5) * 100) / 100;
    else
      (values[o] as number[][][])[Math.floor(random() * 3)]![Math.floor(random() * 3)]![
        Math.floor(random() * 3)
      ] = Math.round((random() - 0.5) * 1000) / 1000;
  }
  notebook.setParams('first', { values, bias });
}

describe.each([
  { activation: 'relu', paddingMode: 'zeros', pool: 'max' },
  { activation: 'leaky-relu', paddingMode: 'reflect', pool: 'avg', stride: 2 },
  { activation: 'tanh', paddingMode: 'circular', pool: 'max' },
])('edits of the first kernel bank, $activation, $paddingMode, $pool pool', (variant) => {
  it.each([
    ['one thread', undefined],
    ['other cores', parallel],
  ] as const)('%s: every cell equals the document computed afresh, bit for bit', async (_, cores) => {
    const notebook = Notebook.fromDocument(network(variant), { parallel: cores });
    const random = createRandom(3);
    try {
      await notebook.whenIdle();
      for (let edit = 0; edit < 8; edit++) {
        editFirstBank(notebook, random);
        const fresh = Notebook.fromDocument(notebook.document);
        const expected = await bitsOf(fresh);
        fresh.dispose();
        expect(await bitsOf(notebook), `after edit ${edit}`).toEqual(expected);
      }
    } finally {
      notebook.dispose();
    }
  });
});

import { readFile } from 'node:fs/promises';
import {
  applyActivationInPlace,
  conv2d,
  createParallelConv,
  type ParallelConv,
  ready,
  Tensor,
} from '@convbook/core';
import { createNodeWorkerPool } from '@convbook/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../cell-value';
import { parseNotebook } from '../document/parse-notebook';
import { Notebook } from '../runtime/notebook';
import { convCell } from './conv-cell';
import type { ComputeContext } from './define-cell-kind';
import { tensorOf } from './run-kind.test-helper';

// The conv cell with other cores (worker threads here, Web Workers in the app) gives the same numbers,
// bit for bit, as on one thread; small convs never leave the thread.

// Threshold 0: every conv splits, so even the example notebooks' small ones go through the workers.
const parallel = createParallelConv(() => createNodeWorkerPool(2), 0);
beforeAll(() => ready());
afterAll(() => parallel.close());

function randomTensor(shape: number[], seed: number): Tensor {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  };
  return new Tensor(shape, Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, next));
}

function context(
  withParallel: ComputeContext['parallel'],
  signal = new AbortController().signal,
): ComputeContext {
  return {
    cellId: 'conv',
    signal,
    progress: () => {},
    graph: { cell: () => undefined, value: () => undefined },
    parallel: withParallel,
  };
}

describe('conv cell with other cores', () => {
  it('computes the same maps as on one thread, through the workers', async () => {
    const input: CellValue = { type: 'tensor', tensor: randomTensor([3, 30, 28], 1) };
    const kernel: CellValue = {
      type: 'kernel',
      weights: randomTensor([6, 3, 3, 3], 2),
      bias: Float32Array.from([0.1, -0.2, 0.3, 0, 0.5, -0.5]),
    };
    for (const raw of [
      { activation: 'relu', padding: 'same' },
      { paddingMode: 'reflect', padding: 2, stride: 2 },
    ]) {
      const parsed = convCell.parseParams(raw, 'params');
      if ('problems' in parsed) throw new Error('bad params');
      const split = convCell.compute({ input, kernel }, parsed.params, context(parallel));
      expect(split).toBeInstanceOf(Promise);
      const single = convCell.compute({ input, kernel }, parsed.params, context(undefined));
      expect(single).not.toBeInstanceOf(Promise);
      expect(tensorOf(await split).data).toEqual(tensorOf(await single).data);
    }
  });

  describe.each([
    ['relu', { activation: 'relu' }],
    ['leaky-relu, default leak', { activation: 'leaky-relu' }],
    ['leaky-relu, leak 0.2', { activation: 'leaky-relu', alpha: 0.2 }],
    ['sigmoid', { activation: 'sigmoid' }],
  ])('with %s', (_, activation) => {
    const bits = (value: CellValue) => {
      const { data } = tensorOf(value);
      return Array.from(new Int32Array(data.buffer, data.byteOffset, data.length));
    };
    // NaN and infinities in the input reach the activation as NaN, ±∞ in the maps.
    const awkward = randomTensor([3, 30, 28], 7);
    awkward.data[100] = Number.NaN;
    awkward.data[900] = Number.POSITIVE_INFINITY;
    awkward.data[1700] = Number.NEGATIVE_INFINITY;
    const input: CellValue = { type: 'tensor', tensor: awkward };
    const kernel: CellValue = {
      type: 'kernel',
      weights: randomTensor([6, 3, 3, 3], 8),
      bias: Float32Array.from([0.1, -0.2, 0.3, 0, 0.5, -0.5]),
    };
    const parsed = convCell.parseParams({ padding: 'same', ...activation }, 'params');
    if ('problems' in parsed) throw new Error('bad params');

    it('gives the bits of one thread, activation included', async () => {
      const split = await convCell.compute({ input, kernel }, parsed.params, context(parallel));
      const single = convCell.compute({ input, kernel }, parsed.params, context(undefined)) as CellValue;
      expect(tensorOf(split).data.some(Number.isNaN)).toBe(true);
      expect(bits(split)).toEqual(bits(single));
    });

    it('has the parallel conv apply the activation, and does not apply it again', async () => {
      // A stand-in that applies activationAfter on this thread: the cell's value must be its result as is.
      const seen: unknown[] = [];
      const applying: ParallelConv = {
        splits: () => true,
        conv2d: async (x, w, options, _signal, after) => {
          seen.push(after);
          const linear = conv2d(x, w, options);
          if (after === undefined) return linear;
          return applyActivationInPlace(
            after.name,
            linear,
            after.alpha === undefined ? {} : { alpha: after.alpha },
          );
        },
        close: async () => {},
      };
      const split = await convCell.compute({ input, kernel }, parsed.params, context(applying));
      const single = convCell.compute({ input, kernel }, parsed.params, context(undefined)) as CellValue;
      expect(seen).toEqual([
        { name: activation.activation, ...('alpha' in activation ? { alpha: activation.alpha } : {}) },
      ]);
      expect(bits(split)).toEqual(bits(single));
    });
  });

  it('hands its abort signal to the workers: an edit stops a stale conv at once', async () => {
    const input: CellValue = { type: 'tensor', tensor: randomTensor([32, 200, 200], 5) };
    const kernel: CellValue = {
      type: 'kernel',
      weights: randomTensor([64, 32, 5, 5], 6),
      bias: new Float32Array(64),
    };
    const parsed = convCell.parseParams({ padding: 'same' }, 'params');
    if ('problems' in parsed) throw new Error('bad params');
    const edit = new AbortController();
    const stale = convCell.compute({ input, kernel }, parsed.params, context(parallel, edit.signal));
    await new Promise((wait) => setTimeout(wait, 30));
    const abortedAt = performance.now();
    edit.abort();
    await expect(stale).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - abortedAt).toBeLessThan(200);
  });

  it('stays synchronous on this thread below the threshold', () => {
    const small = createParallelConv(() => {
      throw new Error('no pool should be created');
    });
    const input: CellValue = { type: 'tensor', tensor: randomTensor([1, 8, 8], 3) };
    const kernel: CellValue = {
      type: 'kernel',
      weights: randomTensor([1, 1, 3, 3], 4),
      bias: new Float32Array(1),
    };
    const parsed = convCell.parseParams({}, 'params');
    if ('problems' in parsed) throw new Error('bad params');
    expect(convCell.compute({ input, kernel }, parsed.params, context(small))).not.toBeInstanceOf(Promise);
  });

  it.each(['lecture.json', 'rgb-3d-kernels.json', 'padding-stride-dilation.json'])(
    'leaves every cell of %s unchanged',
    async (file) => {
      const source = await readFile(new URL(`../../../../examples/${file}`, import.meta.url), 'utf8');
      const values = async (notebook: Notebook) => {
        await notebook.whenIdle();
        const out = new Map<string, unknown>();
        for (const [id, state] of notebook.states()) {
          out.set(
            id,
            state.status === 'ok' && state.value.type === 'tensor'
              ? [...state.value.tensor.data]
              : state.status,
          );
        }
        notebook.dispose();
        return out;
      };
      const single = await values(Notebook.fromDocument(parseNotebook(source)));
      const split = await values(Notebook.fromDocument(parseNotebook(source), { parallel }));
      expect(split).toEqual(single);
    },
  );
});

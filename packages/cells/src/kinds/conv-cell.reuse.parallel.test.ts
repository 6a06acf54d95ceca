import { createParallelConv, createRandom, type ParallelConv, ready, Tensor } from '@convbook/core';
import { createNodeWorkerPool } from '@convbook/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../cell-value';
import { convCell } from './conv-cell';
import type { LastCompute } from './define-cell-kind';
import {
  contextWith,
  expectSameBits,
  parsedParams,
  randomTensor,
  tensorIn,
} from './reuse-fixture.test-helper';

// Reuse with other cores: a whole conv may go to the workers while the few kernels redone after an edit
// stay on this thread (or go too); every way gives the bits of one thread computing everything.

const everything = createParallelConv(() => createNodeWorkerPool(2), 0);
const bigOnly = createParallelConv(() => createNodeWorkerPool(2));
beforeAll(() => ready());
afterAll(() => Promise.all([everything.close(), bigOnly.close()]));

type Kernel = Extract<CellValue, { type: 'kernel' }>;

function withKernelEdited(kernel: Kernel, o: number, value: number): Kernel {
  const weights = kernel.weights.data.slice();
  weights[o * (weights.length / (kernel.weights.shape[0] ?? 1))] = value;
  return { type: 'kernel', weights: new Tensor(kernel.weights.shape, weights), bias: kernel.bias };
}

async function compute(
  inputs: { input: CellValue & { type: 'tensor' }; kernel: Kernel },
  params: Readonly<Record<string, unknown>>,
  parallel?: ParallelConv,
  lastCompute?: LastCompute,
): Promise<CellValue> {
  return convCell.compute(inputs, params, contextWith(lastCompute, parallel));
}

async function checkEdits(
  shape: number[],
  bank: number[],
  raw: Record<string, unknown>,
  parallel: ParallelConv,
  seed: number,
): Promise<void> {
  const random = createRandom(seed);
  const input = { type: 'tensor' as const, tensor: randomTensor(random, shape) };
  const params = parsedParams(convCell, raw);
  let kernel: Kernel = {
    type: 'kernel',
    weights: randomTensor(random, bank),
    bias: Float32Array.of(...new Array(bank[0]).fill(0.1)),
  };
  let value = await compute({ input, kernel }, params, parallel);
  for (const [o, v] of [
    [1, 0.5],
    [1, -0.25],
    [0, 2],
    [(bank[0] ?? 1) - 1, -1],
  ] as const) {
    const next = withKernelEdited(kernel, o, v);
    const reused = await compute({ input, kernel: next }, params, parallel, {
      inputs: { input, kernel },
      params,
      value,
    });
    const alone = await compute({ input, kernel: next }, params);
    expectSameBits(tensorIn(reused), tensorIn(alone), `${JSON.stringify(raw)}, kernel ${o} set to ${v}`);
    kernel = next;
    value = reused;
  }
}

describe('conv cell reuse with other cores', () => {
  it('every conv through the workers: row bands (zero padding) and kernel runs (other modes)', async () => {
    for (const [i, raw] of [
      { padding: 'same', activation: 'relu' },
      { padding: 2, stride: 2, paddingMode: 'reflect', activation: 'leaky-relu' },
      { padding: 'same', paddingMode: 'circular', flip: true, activation: 'tanh' },
      { padding: 'valid', dilation: 2, activation: 'sigmoid' },
    ].entries()) {
      await checkEdits([3, 30, 28], [6, 3, 3, 3], raw, everything, i + 1);
    }
  });

  it("the issue's first layer: the whole bank splits, one kernel redone stays on this thread", async () => {
    const input = randomTensor(createRandom(9), [3, 512, 512]);
    const whole = randomTensor(createRandom(10), [16, 3, 3, 3]);
    expect(bigOnly.splits(input, whole, { padding: 'same' })).toBe(true);
    expect(bigOnly.splits(input, new Tensor([1, 3, 3, 3]), { padding: 'same' })).toBe(false);
    await checkEdits([3, 512, 512], [16, 3, 3, 3], { padding: 'same', activation: 'relu' }, bigOnly, 9);
  });
});

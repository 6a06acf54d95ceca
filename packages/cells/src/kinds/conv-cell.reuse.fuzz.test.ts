import { activationNames, createRandom, getKernels, type Random, Tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../cell-value';
import { fuzzRuns, fuzzTimeout } from '../testing/arbitraries';
import { convCell } from './conv-cell';
import {
  bothKernelSets,
  contextWith,
  expectSameBits,
  integer,
  parsedParams,
  pick,
  randomTensor,
  randomValues,
  tensorIn,
} from './reuse-fixture.test-helper';

// A conv cell given its last compute redoes only the kernels that changed. Its result must be the very
// bits of a compute from scratch: checked over random geometries (strides, dilations, every padding mode,
// flip, every activation, one-channel banks broadcast), on the reference loops and on WASM (where narrow
// maps with many taps take the gemm loop, the others the direct loop), along chains of edits.

// A chain of five computes costs about a thousand parses: `pnpm fuzz` runs 10 000 chains.
const CASES = fuzzRuns(200, 0.05);
const kernels = bothKernelSets();

type Kernel = Extract<CellValue, { type: 'kernel' }>;

function randomParams(random: Random): Record<string, unknown> {
  return {
    stride: pick(random, [undefined, 1, 2, [1, 2], [2, 1], 3]),
    dilation: pick(random, [undefined, 1, 2, [2, 1]]),
    padding: pick(random, ['valid', 'same', 'full', 0, 1, 2, [1, 0], [0, 1, 2, 1]]),
    paddingMode: pick(random, ['zeros', 'zeros', 'reflect', 'replicate', 'circular']),
    flip: random() < 0.3,
    activation: pick(random, activationNames),
    ...(random() < 0.5 ? { alpha: pick(random, [0, 0.1, 0.3]) } : {}),
  };
}

/** A copy of `kernel` with some kernels' weights or bias changed: none, one, several or all. */
function edited(random: Random, kernel: Kernel, awkward: boolean): Kernel {
  const weights = kernel.weights.data.slice();
  const bias = kernel.bias.slice();
  const [kernels = 1] = kernel.weights.shape;
  const perKernel = weights.length / kernels;
  const share = pick(random, [0, 1 / kernels, 0.3, 0.7, 1]);
  for (let o = 0; o < kernels; o++) {
    if (random() >= share && !(share > 0 && o === kernels - 1 && bias.every((b, i) => b === kernel.bias[i])))
      continue;
    if (random() < 0.3) bias[o] = randomValues(random, 1, awkward)[0] as number;
    else
      weights[o * perKernel + integer(random, 0, perKernel - 1)] = randomValues(
        random,
        1,
        awkward,
      )[0] as number;
  }
  return { type: 'kernel', weights: new Tensor(kernel.weights.shape, weights), bias };
}

interface Case {
  readonly input: Tensor;
  readonly kernel: Kernel;
  readonly params: Readonly<Record<string, unknown>>;
}

function randomCase(random: Random): Case {
  // Half the cases are narrow maps with at least 64 taps, the shapes WASM runs as a gemm.
  const gemmShaped = random() < 0.5;
  const channels = gemmShaped ? integer(random, 8, 12) : integer(random, 1, 4);
  const size = gemmShaped ? ([3, 3] as const) : ([integer(random, 1, 3), integer(random, 1, 3)] as const);
  const height = integer(random, 1, 14);
  const width = gemmShaped ? integer(random, 1, 10) : integer(random, 1, 26);
  const kernels = integer(random, 1, 9);
  const kernelChannels = random() < 0.2 ? 1 : channels;
  const awkward = random() < 0.3;
  return {
    input: randomTensor(random, [channels, height, width], awkward),
    kernel: {
      type: 'kernel',
      weights: randomTensor(random, [kernels, kernelChannels, ...size]),
      bias: randomValues(random, kernels),
    },
    params: parsedParams(convCell, randomParams(random)),
  };
}

function computeNow(c: Case, last?: { inputs: Case; value: CellValue }): CellValue {
  const inputs = { input: { type: 'tensor', tensor: c.input }, kernel: c.kernel } as const;
  const lastCompute =
    last === undefined
      ? undefined
      : {
          inputs: {
            input: { type: 'tensor' as const, tensor: last.inputs.input },
            kernel: last.inputs.kernel,
          },
          params: last.inputs.params,
          value: last.value,
        };
  const result = convCell.compute(inputs, c.params, contextWith(lastCompute));
  if (result instanceof Promise) throw new Error('no other cores here: compute is synchronous');
  return result;
}

/** Runs a chain of edits; returns whether the geometry was valid (an invalid one throws on its own). */
function checkChain(random: Random, label: string): boolean {
  let current = randomCase(random);
  let value: CellValue;
  try {
    value = computeNow(current);
  } catch {
    return false;
  }
  for (let step = 0; step < 4; step++) {
    const next: Case = {
      ...current,
      kernel: edited(random, current.kernel, random() < 0.3),
      // Now and then the params or the input change too: then nothing may be reused.
      ...(random() < 0.15 ? { params: parsedParams(convCell, randomParams(random)) } : {}),
      ...(random() < 0.1 ? { input: randomTensor(random, current.input.shape) } : {}),
    };
    let fresh: CellValue;
    try {
      fresh = computeNow(next);
    } catch {
      return true; // new params with a geometry that does not fit: the chain ends
    }
    const reused = computeNow(next, { inputs: current, value });
    expectSameBits(tensorIn(reused), tensorIn(fresh), `${label}, edit ${step}`);
    current = next;
    value = reused;
  }
  return true;
}

describe.each(['reference', 'wasm'] as const)('conv cell reusing its last compute, %s kernels', (name) => {
  it(
    `gives the bits of a compute from scratch, ${CASES} random chains of edits`,
    () => {
      kernels.use(name);
      expect(getKernels().device === undefined).toBe(name === 'reference');
      const random = createRandom(name === 'wasm' ? 7 : 8);
      let valid = 0;
      for (let c = 0; c < CASES; c++) if (checkChain(random, `case ${c}`)) valid++;
      expect(valid).toBeGreaterThan(CASES / 2);
    },
    fuzzTimeout(),
  );
});

describe('what the conv cell takes from its last compute', () => {
  const input = new Tensor(
    [1, 4, 4],
    Float32Array.from({ length: 16 }, (_, k) => k),
  );
  const bank = (first: number): Kernel => ({
    type: 'kernel',
    weights: new Tensor([3, 1, 1, 1], Float32Array.of(first, 2, 3)),
    bias: new Float32Array(3),
  });
  const params = parsedParams(convCell, { padding: 'valid' });
  // Maps 1 and 2 of this "last output" are markers no conv of this input would give.
  const marked = new Tensor([3, 4, 4], new Float32Array(48).fill(-7));
  const last = (kernel: Kernel) => ({
    inputs: { input: { type: 'tensor' as const, tensor: input }, kernel },
    params,
    value: { type: 'tensor' as const, tensor: marked },
  });

  it('computes only the kernels that changed and copies the other maps', () => {
    const result = convCell.compute(
      { input: { type: 'tensor', tensor: input }, kernel: bank(10) },
      params,
      contextWith(last(bank(1))),
    );
    const maps = tensorIn(result as CellValue).toArray() as number[][][];
    expect(maps[0]).toEqual(
      tensorIn({
        type: 'tensor',
        tensor: new Tensor(
          [4, 4],
          input.data.map((v) => 10 * v),
        ),
      }).toArray(),
    );
    expect(maps[1]?.flat()).toEqual(new Array(16).fill(-7));
    expect(maps[2]?.flat()).toEqual(new Array(16).fill(-7));
  });

  it('returns its last value itself when nothing changed', () => {
    const memo = last(bank(1));
    const result = convCell.compute(
      { input: { type: 'tensor', tensor: input }, kernel: bank(1) },
      params,
      contextWith(memo),
    );
    expect(result).toBe(memo.value);
  });

  it('reuses nothing from another input tensor, even one with the same values', () => {
    const copy = new Tensor(input.shape, input.data.slice());
    const result = convCell.compute(
      { input: { type: 'tensor', tensor: copy }, kernel: bank(1) },
      params,
      contextWith(last(bank(1))),
    );
    expect((tensorIn(result as CellValue).toArray() as number[][][])[1]?.flat()).toEqual(
      [...input.data].map((v) => 2 * v),
    );
  });

  it('reuses nothing under other params', () => {
    const other = parsedParams(convCell, { padding: 'valid', activation: 'relu' });
    const result = convCell.compute(
      { input: { type: 'tensor', tensor: input }, kernel: bank(1) },
      other,
      contextWith(last(bank(1))),
    );
    expect((tensorIn(result as CellValue).toArray() as number[][][])[2]?.flat()).toEqual(
      [...input.data].map((v) => 3 * v),
    );
  });
});

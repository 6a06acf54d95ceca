import { createRandom, type Random, Tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../cell-value';
import { fuzzRuns, fuzzTimeout } from '../testing/arbitraries';
import { replacePlanes } from './channel-planes';
import { poolCell } from './pool-cell';
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

// A pool cell given its last compute pools again only the channels whose plane changed; the result must
// be the bits of pooling everything, on the reference loops and on WASM (2×2 windows have their own
// loop), whether the new input is a fresh tensor or one made from the old by replacing planes.

// A chain of five computes costs about a thousand parses: `pnpm fuzz` runs 10 000 chains.
const CASES = fuzzRuns(200, 0.05);
const kernels = bothKernelSets();

function randomParams(random: Random): Readonly<Record<string, unknown>> {
  return parsedParams(poolCell, {
    kind: pick(random, ['max', 'avg']),
    size: pick(random, [1, 2, 2, 3, [1, 2], [2, 3]]),
    ...(random() < 0.4 ? { stride: pick(random, [1, 2, [2, 1]]) } : {}),
    padding: pick(random, ['valid', 'valid', 'same', 1, [0, 1]]),
  });
}

/** `input` with some planes changed (a few values each, -0 for 0 and NaN among them), as a new tensor. */
function edited(random: Random, input: Tensor): Tensor {
  const [channels = 1, height = 1, width = 1] = input.shape;
  const plane = height * width;
  const changed = Array.from({ length: channels }, (_, c) => c).filter(() => random() < 0.4);
  const fresh = new Float32Array(changed.length * plane);
  for (const [i, c] of changed.entries()) {
    fresh.set(input.data.subarray(c * plane, (c + 1) * plane), i * plane);
    for (let n = integer(random, 0, 3); n > 0; n--) {
      const k = i * plane + integer(random, 0, plane - 1);
      fresh[k] = random() < 0.3 && fresh[k] === 0 ? -0 : (randomValues(random, 1, true)[0] as number);
    }
  }
  const next = replacePlanes(input, changed, new Tensor([changed.length, height, width], fresh));
  // Half the time a plain tensor with the same values, which must be compared plane by plane.
  return random() < 0.5 ? next : new Tensor(next.shape, next.data.slice());
}

function pool(input: Tensor, params: Readonly<Record<string, unknown>>, last?: LastPool): CellValue {
  const lastCompute =
    last === undefined
      ? undefined
      : {
          inputs: { input: { type: 'tensor' as const, tensor: last.input } },
          params: last.params,
          value: last.value,
        };
  const result = poolCell.compute(
    { input: { type: 'tensor', tensor: input } },
    params,
    contextWith(lastCompute),
  );
  if (result instanceof Promise) throw new Error('pool is synchronous');
  return result;
}

interface LastPool {
  readonly input: Tensor;
  readonly params: Readonly<Record<string, unknown>>;
  readonly value: CellValue;
}

function checkChain(random: Random, label: string): boolean {
  const shape = [integer(random, 1, 6), integer(random, 1, 12), integer(random, 1, 12)];
  let last: LastPool = {
    input: randomTensor(random, shape, true),
    params: randomParams(random),
    value: undefined as never,
  };
  try {
    last = { ...last, value: pool(last.input, last.params) };
  } catch {
    return false; // a window larger than the padded input
  }
  for (let step = 0; step < 4; step++) {
    const input = edited(random, last.input);
    const params = random() < 0.15 ? randomParams(random) : last.params;
    let fresh: CellValue;
    try {
      fresh = pool(input, params);
    } catch {
      return true;
    }
    const reused = pool(input, params, last);
    expectSameBits(tensorIn(reused), tensorIn(fresh), `${label}, edit ${step}`);
    last = { input, params, value: reused };
  }
  return true;
}

describe.each(['reference', 'wasm'] as const)('pool cell reusing its last compute, %s kernels', (name) => {
  it(
    `gives the bits of pooling everything, ${CASES} random chains of edits`,
    () => {
      kernels.use(name);
      const random = createRandom(name === 'wasm' ? 11 : 12);
      let valid = 0;
      for (let c = 0; c < CASES; c++) if (checkChain(random, `case ${c}`)) valid++;
      expect(valid).toBeGreaterThan(CASES / 2);
    },
    fuzzTimeout(),
  );
});

describe('what the pool cell takes from its last compute', () => {
  const params = parsedParams(poolCell, { size: 2 });
  const input = new Tensor([2, 2, 2], Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8));
  // A "last output" of markers no pooling of these inputs gives: what is copied shows.
  const marked = { type: 'tensor' as const, tensor: new Tensor([2, 1, 1], Float32Array.of(-1, -2)) };

  it('pools only the channels whose plane changed', () => {
    const next = new Tensor([2, 2, 2], Float32Array.of(1, 2, 3, 4, 5, 6, 7, 9));
    const out = pool(next, params, { input, params, value: marked });
    expect([...tensorIn(out).data]).toEqual([-1, 9]);
  });

  it('tells -0 from 0: max keeps the first of equal values, so the sign can change the result', () => {
    const zeros = new Tensor([1, 1, 2], Float32Array.of(0, 0));
    const signed = new Tensor([1, 1, 2], Float32Array.of(-0, 0));
    const first = pool(zeros, parsedParams(poolCell, { size: [1, 2] }));
    const out = pool(signed, parsedParams(poolCell, { size: [1, 2] }), {
      input: zeros,
      params: parsedParams(poolCell, { size: [1, 2] }),
      value: first,
    });
    expect(Object.is(tensorIn(out).data[0], -0)).toBe(true);
  });

  it('returns its last value itself for the same input, or planes all equal', () => {
    expect(pool(input, params, { input, params, value: marked })).toBe(marked);
    const copy = new Tensor(input.shape, input.data.slice());
    expect(pool(copy, params, { input, params, value: marked })).toBe(marked);
  });

  it('reuses nothing under other params', () => {
    const avg = parsedParams(poolCell, { size: 2, kind: 'avg' });
    expect([...tensorIn(pool(input, avg, { input, params, value: marked })).data]).toEqual([2.5, 6.5]);
  });
});

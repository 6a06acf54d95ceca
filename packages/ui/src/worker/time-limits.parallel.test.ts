import { type CellKind, type CellValue, type ComputeContext, findCellKind } from '@convbook/cells';
import { conv2d, createParallelConv, type ParallelConv, ready, Tensor } from '@convbook/core';
import { createNodeWorkerPool } from '@convbook/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeLimitedKinds } from './time-limits';

// A conv split across other cores is an asynchronous computation: the worker keeps answering the page's
// heartbeat while the conv workers compute, so the hang limit cannot see it. The compute budget must, and
// stopping it must stop the conv workers too, not just drop their result.

const parallel = createParallelConv(() => createNodeWorkerPool(2), 0);
beforeAll(() => ready());
afterAll(() => parallel.close());

function seeded(shape: number[], seed: number): Tensor {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  };
  return new Tensor(shape, Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, next));
}

function convInputs(channels: number, size: number, kernels: number): Record<string, CellValue> {
  return {
    input: { type: 'tensor', tensor: seeded([channels, size, size], 1) },
    kernel: {
      type: 'kernel',
      weights: seeded([kernels, channels, 5, 5], 2),
      bias: new Float32Array(kernels),
    },
  };
}

function context(cellId: string, withParallel: ParallelConv): ComputeContext {
  return {
    cellId,
    signal: new AbortController().signal,
    progress: () => {},
    graph: { cell: () => undefined, value: () => undefined },
    parallel: withParallel,
  };
}

const params = (() => {
  const parsed = (findCellKind('conv') as CellKind).parseParams({ padding: 'same' }, 'params');
  if ('problems' in parsed) throw new Error('bad params');
  return parsed.params;
})();

describe('time limits on a conv split across cores', () => {
  it('stops it at its budget, with the time-limit sentence, and the pool computes the next conv right', async () => {
    const over: [string, number][] = [];
    const find = timeLimitedKinds(findCellKind, {
      limits: () => ({ held: {}, patient: [] }),
      computing: () => {},
      overBudget: (id, ms) => over.push([id, ms]),
      budgetMs: 100,
    });
    const conv = find('conv') as CellKind;
    // About 3 billion multiply-adds: seconds on two busy cores, far past a 100 ms budget.
    const inputs = convInputs(32, 256, 64);
    const started = performance.now();
    const slow = conv.compute(inputs, params, context('big', parallel));
    await expect(slow).rejects.toThrow('took longer than 0.1 s, its time limit, so it was stopped');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(over).toEqual([['big', 100]]);

    // (Unlimited: the stopped workers' replacements take longer than 100 ms to start.)
    const small = convInputs(4, 40, 8);
    const unlimited = findCellKind('conv') as CellKind;
    const next = (await unlimited.compute(small, params, context('next', parallel))) as CellValue;
    const expected = conv2d(
      (small.input as { tensor: Tensor }).tensor,
      (small.kernel as { weights: Tensor }).weights,
      { padding: 'same', bias: Array.from(new Float32Array(8)) },
    );
    expect(next.type === 'tensor' && [...next.tensor.data]).toEqual([...expected.data]);
  });

  it('sends nothing to the conv workers for a cell held back for taking too long', async () => {
    let calls = 0;
    const counting: ParallelConv = {
      ...parallel,
      splits: () => true,
      conv2d: (...args) => {
        calls++;
        return parallel.conv2d(...args);
      },
    };
    const find = timeLimitedKinds(findCellKind, {
      limits: () => ({ held: { big: 'took longer than 10 s, so it was stopped' }, patient: [] }),
      computing: () => {},
      overBudget: () => {},
    });
    const conv = find('conv') as CellKind;
    expect(() => conv.compute(convInputs(32, 256, 64), params, context('big', counting))).toThrow(
      'took longer than 10 s',
    );
    expect(calls).toBe(0);
  });
});

import type { CellKind, CellValue, ComputeContext } from '@convbook/cells';
import { describe, expect, it } from 'vitest';
import { deferringSlowKinds } from './defer-slow-kinds';

const scalar = { type: 'scalar', value: 1 } as unknown as CellValue;

function fakeKind(name: string, calls: string[]): CellKind {
  return {
    kind: name,
    label: name,
    description: '',
    inputs: {},
    paramFields: {},
    output: 'scalar',
    parseParams: () => ({ params: {} }),
    validateInputs: () => undefined,
    compute: () => {
      calls.push(name);
      return scalar;
    },
  } as unknown as CellKind;
}

function contextWith(signal: AbortSignal): ComputeContext {
  return { cellId: 'c', signal } as unknown as ComputeContext;
}

/** A deferral the test releases by hand, standing in for "the next task". */
function manualDefer(): { defer: () => Promise<void>; release: () => void } {
  const waiting: (() => void)[] = [];
  return {
    defer: () => new Promise<void>((resolve) => waiting.push(resolve)),
    release: () => {
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

describe('deferringSlowKinds', () => {
  it('hands fast kinds back untouched', () => {
    const calls: string[] = [];
    const conv = fakeKind('conv', calls);
    const find = deferringSlowKinds(
      (name) => (name === 'conv' ? conv : undefined),
      (kind) => kind.kind === 'grad',
    );
    expect(find('conv')).toBe(conv);
    expect(find('missing')).toBeUndefined();
  });

  it('starts a slow kind only once the deferral resolves, then gives its value', async () => {
    const calls: string[] = [];
    const grad = fakeKind('grad', calls);
    const { defer, release } = manualDefer();
    const find = deferringSlowKinds(
      () => grad,
      (kind) => kind.kind === 'grad',
      defer,
    );
    const result = find('grad')?.compute({}, {}, contextWith(new AbortController().signal));
    expect(result).toBeInstanceOf(Promise);
    await Promise.resolve();
    expect(calls).toEqual([]);
    release();
    await expect(result).resolves.toBe(scalar);
    expect(calls).toEqual(['grad']);
  });

  it('never starts a run that was made stale while it waited', async () => {
    const calls: string[] = [];
    const grad = fakeKind('grad', calls);
    const { defer, release } = manualDefer();
    const find = deferringSlowKinds(
      () => grad,
      (kind) => kind.kind === 'grad',
      defer,
    );
    const stale = new AbortController();
    const result = find('grad')?.compute({}, {}, contextWith(stale.signal));
    stale.abort(new Error('a newer edit'));
    release();
    await expect(result).rejects.toThrow('a newer edit');
    expect(calls).toEqual([]);
  });

  it('returns the same wrapped kind on every lookup', () => {
    const grad = fakeKind('grad', []);
    const find = deferringSlowKinds(
      () => grad,
      (kind) => kind.kind === 'grad',
    );
    expect(find('grad')).toBe(find('grad'));
    expect(find('grad')).not.toBe(grad);
  });

  it('lets the default deferral wait for a later task, after pending microtasks', async () => {
    const order: string[] = [];
    const grad = fakeKind('grad', order);
    const find = deferringSlowKinds(
      () => grad,
      (kind) => kind.kind === 'grad',
    );
    const result = find('grad')?.compute({}, {}, contextWith(new AbortController().signal));
    queueMicrotask(() => order.push('microtask'));
    await result;
    expect(order).toEqual(['microtask', 'grad']);
  });
});

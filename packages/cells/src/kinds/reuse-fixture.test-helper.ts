import {
  type ComputeKernels,
  getKernels,
  type ParallelConv,
  type Random,
  ready,
  setKernels,
  Tensor,
} from '@convbook/core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { CellValue } from '../cell-value';
import type { CellKind, ComputeContext, LastCompute } from './define-cell-kind';

// For the tests of kinds that reuse their last compute: random values with the awkward ones mixed in,
// contexts with or without a last compute, and a comparison of results by their bits.

const AWKWARD = [-0, 0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-40, -1e-40];

/**
 * For a file that runs its tests on both kernel sets: loads the WASM kernels, leaves the reference ones
 * installed, and puts them back after the file. `use` installs one set by name.
 */
export function bothKernelSets(): { use(name: 'reference' | 'wasm'): void } {
  const reference = getKernels();
  let wasm: ComputeKernels | undefined;
  beforeAll(async () => {
    await ready();
    wasm = getKernels();
    setKernels(reference);
  });
  afterAll(() => setKernels(reference));
  return {
    use(name) {
      if (name === 'wasm' && wasm === undefined) throw new Error('the WASM kernels are not loaded yet');
      setKernels(name === 'wasm' ? (wasm as ComputeKernels) : reference);
    },
  };
}

/** Values in about [-1, 1), a few of them -0, NaN, ±∞ or subnormal when `awkward`. */
export function randomValues(random: Random, count: number, awkward = false): Float32Array {
  const values = new Float32Array(count);
  for (let k = 0; k < count; k++) {
    const odd = awkward && random() < 0.03;
    values[k] = odd ? (AWKWARD[Math.floor(random() * AWKWARD.length)] as number) : random() * 2 - 1;
  }
  return values;
}

export function randomTensor(random: Random, shape: readonly number[], awkward = false): Tensor {
  return new Tensor(
    shape,
    randomValues(
      random,
      shape.reduce((a, b) => a * b, 1),
      awkward,
    ),
  );
}

export function pick<T>(random: Random, options: readonly T[]): T {
  return options[Math.floor(random() * options.length)] as T;
}

export function integer(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A compute context, with the given last compute and other cores. */
export function contextWith(lastCompute?: LastCompute, parallel?: ParallelConv): ComputeContext {
  return {
    cellId: 'cell',
    signal: new AbortController().signal,
    progress: () => {},
    graph: { cell: () => undefined, value: () => undefined },
    ...(parallel === undefined ? {} : { parallel }),
    ...(lastCompute === undefined ? {} : { lastCompute }),
  };
}

/** Params as the runtime hands them to compute (parsed, defaults filled in). */
export function parsedParams(
  kind: CellKind,
  raw: Record<string, unknown>,
): Readonly<Record<string, unknown>> {
  const parsed = kind.parseParams(raw, 'params');
  if ('problems' in parsed) throw new Error(JSON.stringify(parsed.problems));
  return parsed.params;
}

/** The tensor of a tensor value. */
export function tensorIn(value: CellValue): Tensor {
  if (value.type !== 'tensor') throw new Error(`expected a tensor value, got ${value.type}`);
  return value.tensor;
}

/** Equal shapes and equal bits, value by value (so -0 ≠ 0, and NaN = NaN only with the same bits). */
export function expectSameBits(actual: Tensor, expected: Tensor, what: string): void {
  expect(actual.shape, what).toEqual(expected.shape);
  const a = new Uint32Array(actual.data.buffer, actual.data.byteOffset, actual.size);
  const b = new Uint32Array(expected.data.buffer, expected.data.byteOffset, expected.size);
  let first = -1;
  for (let k = 0; k < a.length && first < 0; k++) if (a[k] !== b[k]) first = k;
  const detail = first < 0 ? '' : ` at ${first}: ${actual.data[first]} vs ${expected.data[first]}`;
  expect(detail, what).toBe('');
}

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyActivation } from '../activations';
import { conv2d } from '../conv2d';
import { ready } from '../ready';
import type { Tensor } from '../tensor';
import { randomTensor } from '../testing/random-tensor';
import { fromWasm, toWasm } from '../wasm-memory';
import { getKernels } from './active-kernels';
import { type ConvAlgorithm, forceConvAlgorithm } from './conv-algorithm';

// Leaky relu in the WASM kernels (fused into conv2d's store, and over a tensor in WASM memory) gives the
// bits of the JS formula, α·x in double rounded once to float, for slopes that are not powers of two:
// a conv cell may then fuse its activation without changing a single value.

beforeAll(async () => {
  await ready();
  if (getKernels().device === undefined) throw new Error('these tests need the WASM kernels');
});
afterEach(() => forceConvAlgorithm(undefined));

const bits = (t: Tensor) => [...new Uint32Array(Float32Array.from(t.data).buffer)];
const x = randomTensor([3, 23, 37], 1);
const w = randomTensor([6, 3, 3, 3], 2);

describe('leaky relu on the WASM kernels', () => {
  it.each<[ConvAlgorithm, number | undefined]>([
    ['direct', undefined],
    ['direct', 0.3],
    ['gemm', 0.01],
    ['gemm', 0.1234567],
  ])('fused into conv2d (%s loop, α = %s) equals the JS formula on the conv output', (algorithm, alpha) => {
    forceConvAlgorithm(algorithm);
    const options = { padding: 'same', ...(alpha === undefined ? {} : { alpha }) } as const;
    const linear = conv2d(x, w, options);
    const expected = applyActivation('leaky-relu', linear, options);
    const fused = conv2d(x, w, { ...options, activation: 'leaky-relu' });
    expect(bits(fused)).toEqual(bits(expected));
    expect(expected.data.some((v, i) => v !== linear.data[i])).toBe(true); // negatives were scaled
  });

  it('applied to a tensor in WASM memory equals the JS formula', () => {
    const values = randomTensor([5, 7, 11], 3);
    for (const alpha of [0.01, 0.3, 1 / 3]) {
      const expected = applyActivation('leaky-relu', values, { alpha });
      const resident = toWasm(values);
      const inWasm = applyActivation('leaky-relu', resident, { alpha });
      expect(inWasm.location).toBe('wasm');
      expect(bits(fromWasm(inWasm))).toEqual(bits(expected));
      inWasm.dispose();
      resident.dispose();
    }
  });
});

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyActivation, applyActivationInPlace } from '../activations';
import { conv2d } from '../conv2d';
import { ready } from '../ready';
import { Tensor } from '../tensor';
import { randomTensor } from '../testing/random-tensor';
import { fromWasm, toWasm } from '../wasm-memory';
import { getKernels } from './active-kernels';
import { type ConvAlgorithm, forceConvAlgorithm } from './conv-algorithm';

// Relu and leaky relu in the WASM kernels (fused into conv2d's store, and over a tensor in WASM memory)
// give the bits of the JS pass: for relu, −0 and every negative to +0 and every NaN kept as it is (sign
// and payload); for leaky relu, α·x in double rounded once to float, for slopes that are not powers of
// two. A conv cell may then fuse its activation without changing a single value.

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

/** Floats from bit patterns: NaNs of both signs with payloads, ±0, ±∞, the smallest subnormals. */
const SPECIAL_BITS = [
  0x7fc00000, 0xffc00000, 0x7f800001, 0xff800001, 0x7fbfffff, 0xffc0dead, 0x00000000, 0x80000000, 0x7f800000,
  0xff800000, 0x00000001, 0x80000001, 0x3f800000, 0xbf800000,
];

describe('relu on the WASM kernels', () => {
  it('over a tensor in WASM memory keeps the bits of the JS pass, NaNs of either sign included', () => {
    // 14 specials then random values: the SIMD body and the scalar tail (a length not a multiple of 4).
    const data = new Float32Array(14 + 4 * 9 + 3);
    new Uint32Array(data.buffer, 0, 14).set(SPECIAL_BITS);
    data.set(randomTensor([data.length - 14], 7).data, 14);
    for (const count of [data.length, 14, 3]) {
      const values = new Tensor([count], data.slice(0, count));
      const expected = applyActivationInPlace('relu', new Tensor([count], data.slice(0, count)));
      const resident = toWasm(values);
      const inWasm = applyActivation('relu', resident);
      expect(inWasm.location).toBe('wasm');
      expect(bits(fromWasm(inWasm))).toEqual(bits(expected));
      inWasm.dispose();
      resident.dispose();
    }
  });

  it.each<ConvAlgorithm>(['direct', 'gemm'])(
    'fused into conv2d (%s loop) keeps the bits of the JS pass on the conv output, NaN and −0 included',
    (algorithm) => {
      forceConvAlgorithm(algorithm);
      const input = randomTensor([3, 23, 37], 4);
      input.data[3 * 37 + 5] = Number.NaN;
      input.data[23 * 37 + 40] = Number.NEGATIVE_INFINITY;
      input.data.fill(-0, 2 * 23 * 37 - 120); // zero weights' products sum to −0 under a −0 bias
      const bias = [0.5, -0.25, -0, 0, 0.125, -1];
      const linear = conv2d(input, w, { padding: 'same', bias });
      const expected = applyActivationInPlace('relu', conv2d(input, w, { padding: 'same', bias }));
      const fused = conv2d(input, w, { padding: 'same', bias, activation: 'relu' });
      expect(bits(fused)).toEqual(bits(expected));
      expect(linear.data.some(Number.isNaN)).toBe(true);
      expect(linear.data.some((v) => v < 0)).toBe(true);
    },
  );
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActivationName, activationNames, applyActivation, applyActivationInPlace } from './activations';
import { getKernels, setKernels } from './backend/active-kernels';
import type { ComputeKernels } from './backend/kernels';
import { createRandom } from './random';
import { ready } from './ready';
import { Tensor } from './tensor';
import { fromWasm, toWasm } from './wasm-memory';

// The per-activation loops against the textbook definitions, written out again here, value by value.
// Object.is tells -0 from 0 and finds NaN equal to NaN, so signed zeros and NaN are checked too.

const ALPHA = 0.2;

/** f(x) as each activation is defined, rounded to float32 as a tensor stores it. */
const definitions: Record<ActivationName, (x: number) => number> = {
  identity: (x) => x,
  relu: (x) => {
    if (Number.isNaN(x)) return Number.NaN;
    if (x <= 0) return 0; // -0 too becomes 0
    return x;
  },
  'leaky-relu': (x) => (x > 0 ? x : ALPHA * x),
  sigmoid: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  tanh: (x) => Math.tanh(x),
};

const SPECIAL = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  1e-45,
  -1e-45,
  3.4e38,
  -3.4e38,
  100,
  -100,
];

/** Random values over many magnitudes, both signs, with the special values scattered among them. */
function testValues(count: number, seed: number): Float32Array {
  const random = createRandom(seed);
  const values = new Float32Array(count);
  for (let k = 0; k < count; k++) {
    const special = random() < 0.1;
    values[k] = special
      ? (SPECIAL[Math.floor(random() * SPECIAL.length)] as number)
      : (random() - 0.5) * 10 ** Math.floor(random() * 8 - 4);
  }
  return values;
}

function expectDefinition(name: ActivationName, input: Float32Array, output: Float32Array): void {
  const define = definitions[name];
  const wrong: string[] = [];
  for (let k = 0; k < input.length; k++) {
    const expected = Math.fround(define(input[k] as number));
    if (!Object.is(output[k], expected)) wrong.push(`f(${input[k]}) = ${output[k]}, expected ${expected}`);
  }
  expect(wrong.slice(0, 5)).toEqual([]);
}

describe.each(activationNames)('%s loop', (name) => {
  const input = testValues(5003, activationNames.indexOf(name) + 1);

  it('applyActivation gives the definition and leaves its input alone', () => {
    const x = new Tensor([5003], input.slice());
    const y = applyActivation(name, x, { alpha: ALPHA });
    expectDefinition(name, input, y.data);
    expect(y).not.toBe(x);
    expect(new Uint32Array(x.data.buffer)).toEqual(new Uint32Array(input.buffer));
  });

  it('applyActivationInPlace gives the same over the tensor itself', () => {
    const x = new Tensor([5003], input.slice());
    const y = applyActivationInPlace(name, x, { alpha: ALPHA });
    expect(y).toBe(x);
    expectDefinition(name, input, x.data);
  });

  it('works in place on a part of a larger buffer', () => {
    const buffer = new Float32Array(5003 + 20).fill(7);
    buffer.set(input, 10);
    const x = new Tensor([5003], buffer.subarray(10, 10 + 5003));
    applyActivationInPlace(name, x, { alpha: ALPHA });
    expectDefinition(name, input, x.data);
    expect([...buffer.subarray(0, 10), ...buffer.subarray(10 + 5003)]).toEqual(new Array(20).fill(7));
  });
});

describe('in place on a tensor in WASM memory', () => {
  let before: ComputeKernels;
  beforeAll(async () => {
    before = getKernels();
    await ready();
  });
  afterAll(() => setKernels(before));

  it.each(activationNames)('%s: the definition, and the tensor stays in WASM memory', (name) => {
    const input = testValues(1001, 40 + activationNames.indexOf(name));
    const x = toWasm(new Tensor([7, 11, 13], input.slice()));
    expect(applyActivationInPlace(name, x, { alpha: ALPHA })).toBe(x);
    expect(x.location).toBe('wasm');
    expectDefinition(name, input, fromWasm(x).data);
    x.dispose();
  });
});

describe('the default leak', () => {
  it('is 0.01 in place as in applyActivation', () => {
    const x = new Tensor([2], Float32Array.of(-3, 3));
    expect([...applyActivationInPlace('leaky-relu', x).data]).toEqual([Math.fround(-0.03), 3]);
  });
});

describe('relu on the bits', () => {
  it('keeps every NaN exactly, both signs and any payload, and clears every negative value and −0', () => {
    const words = Int32Array.of(
      0xffc00000 | 0, // the x86 default NaN, sign set
      0x7fc00000,
      0x7f800001, // signalling-pattern NaN, smallest payload
      0xffffffff | 0,
      0xff800000 | 0, // −∞
      0x7f800000, // +∞
      0x80000000 | 0, // −0
      0x80000001 | 0, // the smallest negative denormal
      0x00000001,
      0xbf800000 | 0, // −1
      0x3f800000, // 1
    );
    const x = new Tensor([words.length], new Float32Array(words.buffer));
    const out = new Int32Array(applyActivation('relu', x).data.buffer);
    expect([...out].map((w) => (w >>> 0).toString(16))).toEqual([
      'ffc00000',
      '7fc00000',
      '7f800001',
      'ffffffff',
      '0',
      '7f800000',
      '0',
      '0',
      '1',
      '0',
      '3f800000',
    ]);
  });
});

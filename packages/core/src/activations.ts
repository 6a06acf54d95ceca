import { getKernels } from './backend/active-kernels';
import { allocateFloats } from './float-storage';
import { forgetPlaneRanges } from './plane-ranges';
import { formatShape, ShapeError } from './shape-errors';
import { Tensor } from './tensor';

/**
 * Element-wise activations. Each forward sits beside its derivative; `activationGradient` returns
 * dL/dx = f'(x) · dL/dy for a given upstream gradient (a fresh tensor — callers accumulate with `+=`).
 */
export type ActivationName = 'identity' | 'relu' | 'leaky-relu' | 'sigmoid' | 'tanh';

export const activationNames: readonly ActivationName[] = [
  'identity',
  'relu',
  'leaky-relu',
  'sigmoid',
  'tanh',
];

export interface ActivationOptions {
  /** Slope for negative inputs of 'leaky-relu'. Default 0.01. */
  readonly alpha?: number;
}

const defaultAlpha = 0.01;

interface ScalarActivation {
  /** y = f(x) */
  readonly forward: (x: number, alpha: number) => number;
  /** f'(x); takes x (not y) so every activation has the same signature. */
  readonly derivative: (x: number, alpha: number) => number;
}

/** Never calls exp on a large positive argument, so it neither overflows nor returns NaN. */
function stableSigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

// The derivative at exactly 0 is taken from the right for relu (0) — the usual convention.
const scalarActivations: Record<ActivationName, ScalarActivation> = {
  identity: { forward: (x) => x, derivative: () => 1 },
  relu: { forward: (x) => Math.max(x, 0), derivative: (x) => (x > 0 ? 1 : 0) },
  'leaky-relu': {
    forward: (x, alpha) => (x > 0 ? x : alpha * x),
    derivative: (x, alpha) => (x > 0 ? 1 : alpha),
  },
  sigmoid: {
    forward: stableSigmoid,
    derivative: (x) => {
      const s = stableSigmoid(x);
      return s * (1 - s);
    },
  },
  tanh: {
    forward: Math.tanh,
    derivative: (x) => {
      const t = Math.tanh(x);
      return 1 - t * t;
    },
  },
};

function requireKnown(op: string, name: string): ScalarActivation {
  const activation = (scalarActivations as Record<string, ScalarActivation | undefined>)[name];
  if (activation === undefined) {
    throw new ShapeError(op, `unknown activation '${name}', expected one of ${activationNames.join(', ')}`);
  }
  return activation;
}

/** y = f(x), element by element, into a new tensor (x is left as it is). */
export function applyActivation(name: ActivationName, x: Tensor, options: ActivationOptions = {}): Tensor {
  requireKnown('applyActivation', name);
  const alpha = options.alpha ?? defaultAlpha;
  // A tensor in WASM memory stays there: the kernels map it without copying it out.
  const device = getKernels().device;
  if (x.location === 'wasm' && device?.owns(x) === true) return device.activate(name, x, alpha);
  const out = allocateFloats(x.size);
  activateValues(name, x.data, out, alpha);
  return new Tensor(x.shape, out);
}

/**
 * y = f(x) written over x's own values, and x returned: for a caller that just made x and shares it with
 * no one (a conv cell's fresh output), so no second tensor of the same size is allocated. The values are
 * those of `applyActivation` on a 'js' tensor, bit for bit.
 */
export function applyActivationInPlace(
  name: ActivationName,
  x: Tensor,
  options: ActivationOptions = {},
): Tensor {
  requireKnown('applyActivationInPlace', name);
  // For a 'wasm' tensor `data` is a view of the heap, valid while nothing allocates: this loop doesn't.
  const values = x.data;
  activateValues(name, values, values, options.alpha ?? defaultAlpha);
  // Measured by the op that made x, before this pass changed them. Only x's own array is forgotten, so x
  // must be a whole output, not a view into another map (its only caller passes a conv's fresh output).
  forgetPlaneRanges(values);
  return x;
}

/**
 * to[k] = f(from[k]) for every k (`to` may be `from`): one loop per activation, each the scalar
 * definition above written inline, so no element pays for a function call (a closure per element was
 * ~20 ns, 86 ms on a 16×512×512 map).
 */
/**
 * Math.max(v, 0) for every value, on the bits: a negative number or −0 becomes +0, every other value
 * (positive, +0, +∞, any NaN) keeps its bits. Math.max itself branches on each value, and on a map that is
 * half negative the mispredictions cost ~6 ns a value; these integer steps do not branch.
 */
function reluBits(from: Float32Array, to: Float32Array): void {
  const source = new Int32Array(from.buffer, from.byteOffset, from.length);
  const target = new Int32Array(to.buffer, to.byteOffset, to.length);
  const n = source.length;
  for (let k = 0; k < n; k++) {
    const bits = (source[k] as number) | 0;
    const notNaN = ((bits & 0x7fffffff) - 0x7f800001) >> 31; // −1 below the NaNs' magnitudes, else 0
    target[k] = bits & ~((bits >> 31) & notNaN); // a set sign bit, not a NaN's, clears the value
  }
}

function activateValues(name: ActivationName, from: Float32Array, to: Float32Array, alpha: number): void {
  const n = from.length;
  if (name === 'identity') {
    if (to !== from) to.set(from);
  } else if (name === 'relu') {
    reluBits(from, to);
  } else if (name === 'leaky-relu') {
    for (let k = 0; k < n; k++) {
      const v = from[k] as number;
      to[k] = v > 0 ? v : alpha * v;
    }
  } else if (name === 'sigmoid') {
    for (let k = 0; k < n; k++) to[k] = stableSigmoid(from[k] as number);
  } else {
    for (let k = 0; k < n; k++) to[k] = Math.tanh(from[k] as number);
  }
}

/** dL/dx = f'(x) · dL/dy, element by element; `gradOut` must have x's shape. */
export function activationGradient(
  name: ActivationName,
  x: Tensor,
  gradOut: Tensor,
  options: ActivationOptions = {},
): Tensor {
  const { derivative } = requireKnown('activationGradient', name);
  if (gradOut.size !== x.size || gradOut.rank !== x.rank || gradOut.shape.some((n, i) => n !== x.shape[i])) {
    throw new ShapeError(
      'activationGradient',
      `gradOut must match the input shape ${formatShape(x.shape)}, got ${formatShape(gradOut.shape)}`,
    );
  }
  const alpha = options.alpha ?? defaultAlpha;
  const out = new Float32Array(x.size);
  for (let i = 0; i < out.length; i++) out[i] = derivative(x.data[i] ?? 0, alpha) * (gradOut.data[i] ?? 0);
  return new Tensor(x.shape, out);
}

export const identity = (x: Tensor): Tensor => applyActivation('identity', x);
export const relu = (x: Tensor): Tensor => applyActivation('relu', x);
export const leakyRelu = (x: Tensor, alpha = defaultAlpha): Tensor =>
  applyActivation('leaky-relu', x, { alpha });
export const sigmoid = (x: Tensor): Tensor => applyActivation('sigmoid', x);
export const tanh = (x: Tensor): Tensor => applyActivation('tanh', x);

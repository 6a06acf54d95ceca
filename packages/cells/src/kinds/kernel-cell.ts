import {
  at,
  gaussianKernel,
  type KernelPresetName,
  kernelPresets,
  presetKernel,
  randomKernel,
  type Tensor,
  tensor,
} from '@convbook/core';
import type { DocumentProblem } from '../document/document-error';
import { MAX_CHANNELS, MAX_KERNEL_SIDE, MAX_KERNEL_WEIGHTS, MAX_KERNELS } from '../document/limits';
import {
  describe,
  int,
  num,
  numberArray,
  object,
  oneOf,
  optional,
  type Schema,
  union,
} from '../document/param-schema';
import { leadingShape, type TensorLiteral, tensorLiteral } from '../document/tensor-literal';
import { defineCellKind } from './define-cell-kind';

/**
 * A bank of kernels [O, C, kh, kw] with one bias each, from exactly one source: typed-in values ([kh][kw]
 * for one kernel on one channel, or [O][C][kh][kw]), a named preset, a sampled gaussian, or seeded random
 * weights. A one-channel kernel is broadcast over the input's channels by the conv cell.
 */

const presetNames = Object.keys(kernelPresets) as KernelPresetName[];
const SOURCES = ['values', 'preset', 'gaussian', 'random'] as const;

const randomShape = numberArray(int(1, MAX_KERNELS), 4, 4);
const kernelScale: Schema<number | 'he' | 'glorot'> = union<number | 'he' | 'glorot'>(
  num(0, 100),
  oneOf('he', 'glorot'),
);

export const kernelCell = defineCellKind({
  kind: 'kernel',
  label: 'Kernel',
  description: 'The weights a convolution slides over its input, plus one bias per kernel.',
  inputs: {},
  params: {
    values: optional(
      describe(
        tensorLiteral(
          [MAX_KERNEL_SIDE, MAX_KERNEL_SIDE],
          [MAX_KERNELS, MAX_CHANNELS, MAX_KERNEL_SIDE, MAX_KERNEL_SIDE],
        ),
        'Weights',
        'One kernel as [rows][columns], or a bank as [kernels][channels][rows][columns].',
      ),
    ),
    preset: optional(describe(oneOf(...presetNames), 'Preset', 'A classic hand-designed filter.')),
    gaussian: optional(
      describe(
        object({ size: int(1, MAX_KERNEL_SIDE), sigma: num(0.001, 1000) }),
        'Gaussian',
        'A sampled gaussian blur, normalised to sum 1.',
      ),
    ),
    random: optional(
      describe(
        object({ shape: randomShape, seed: int(0, 2 ** 32 - 1), scale: optional(kernelScale) }),
        'Random',
        'Seeded gaussian weights [O, C, kh, kw]; scale is a standard deviation, "he" or "glorot".',
      ),
    ),
    bias: optional(
      describe(numberArray(num(), 1, MAX_KERNELS), 'Bias', 'One number per kernel, added after the sum.'),
    ),
  },
  output: 'kernel',
  defaults: { preset: 'sobel-x' },
  validateParams: (params) => {
    const problems: DocumentProblem[] = [];
    const given = SOURCES.filter((source) => params[source] !== undefined);
    if (given.length !== 1) {
      const got = given.length === 0 ? 'none' : given.join(' and ');
      problems.push({ path: '', message: `needs exactly one of ${SOURCES.join(', ')}; got ${got}` });
      return problems;
    }
    if (params.random !== undefined) problems.push(...checkRandomShape(params.random.shape));
    const kernels = kernelCount(params);
    if (params.bias !== undefined && params.bias.length !== kernels) {
      problems.push({
        path: 'bias',
        message: `must have one entry per kernel (${kernels}), got ${params.bias.length}`,
      });
    }
    return problems;
  },
  compute: (_inputs, params) => {
    const weights = buildWeights(params);
    const bias = Float32Array.from(params.bias ?? new Array<number>(at(weights.shape, 0)).fill(0));
    return { type: 'kernel', weights, bias };
  },
});

interface KernelSources {
  readonly values?: TensorLiteral | undefined;
  readonly preset?: KernelPresetName | undefined;
  readonly gaussian?: { readonly size: number; readonly sigma: number } | undefined;
  readonly random?:
    | {
        readonly shape: readonly number[];
        readonly seed: number;
        readonly scale?: number | 'he' | 'glorot' | undefined;
      }
    | undefined;
}

function buildWeights(params: KernelSources): Tensor {
  if (params.values !== undefined) {
    const weights = tensor(params.values);
    return weights.rank === 2 ? weights.reshape([1, 1, ...weights.shape]) : weights;
  }
  if (params.preset !== undefined) return presetKernel(params.preset);
  if (params.gaussian !== undefined) return gaussianKernel(params.gaussian.size, params.gaussian.sigma);
  if (params.random !== undefined) {
    const [o = 1, c = 1, kh = 1, kw = 1] = params.random.shape;
    return randomKernel([o, c, kh, kw], params.random.seed, params.random.scale);
  }
  throw new Error('kernel: no weight source (validateParams should have caught this)');
}

/** O of [O, C, kh, kw], known from the parameters alone so bias can be checked at load time. */
function kernelCount(params: KernelSources): number {
  if (params.values !== undefined) {
    const shape = leadingShape(params.values);
    return shape.length === 4 ? at(shape, 0) : 1;
  }
  if (params.random !== undefined) return at(params.random.shape, 0);
  return 1;
}

function checkRandomShape(shape: readonly number[]): DocumentProblem[] {
  const limits = [MAX_KERNELS, MAX_CHANNELS, MAX_KERNEL_SIDE, MAX_KERNEL_SIDE];
  const names = ['kernels', 'channels', 'rows', 'columns'];
  const total = shape.reduce((product, n) => product * n, 1);
  if (total > MAX_KERNEL_WEIGHTS) {
    return [
      {
        path: 'random.shape',
        message: `${shape.join('×')} is ${total} weights, the limit is ${MAX_KERNEL_WEIGHTS}: use fewer or smaller kernels`,
      },
    ];
  }
  return shape.flatMap((n, axis) =>
    n > at(limits, axis)
      ? [
          {
            path: `random.shape[${axis}]`,
            message: `${names[axis]} must be at most ${at(limits, axis)}, got ${n}`,
          },
        ]
      : [],
  );
}

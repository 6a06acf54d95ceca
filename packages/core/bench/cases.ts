import { createRandom } from '../src/random';
import { Tensor } from '../src/tensor';

/** One benchmarked conv: input [C, H, W], kernels [O, C, k, k], 'same' padding. */
export interface ConvCase {
  readonly label: string;
  readonly channels: number;
  readonly size: number;
  readonly kernels: number;
  readonly kernel: number;
  readonly stride: number;
  readonly dilation: number;
}

export const CONV_CASES: readonly ConvCase[] = [
  { label: 'gray 512×512, 1×3×3', channels: 1, size: 512, kernels: 1, kernel: 3, stride: 1, dilation: 1 },
  { label: 'RGB 256×256 → 16×3×3', channels: 3, size: 256, kernels: 16, kernel: 3, stride: 1, dilation: 1 },
  { label: '16×128×128 → 32×3×3', channels: 16, size: 128, kernels: 32, kernel: 3, stride: 1, dilation: 1 },
  { label: '32×64×64 → 64×5×5', channels: 32, size: 64, kernels: 64, kernel: 5, stride: 1, dilation: 1 },
  {
    label: 'RGB 256×256 → 16×5×5 stride 2',
    channels: 3,
    size: 256,
    kernels: 16,
    kernel: 5,
    stride: 2,
    dilation: 1,
  },
  {
    label: '16×128×128 → 32×3×3 dilation 2',
    channels: 16,
    size: 128,
    kernels: 32,
    kernel: 3,
    stride: 1,
    dilation: 2,
  },
];

/** The two largest cases by multiply-adds, for the two-worker comparison. */
export const PARALLEL_CASES: readonly ConvCase[] = [CONV_CASES[2] as ConvCase, CONV_CASES[3] as ConvCase];

export interface ConvInputs {
  readonly x: Tensor;
  readonly w: Tensor;
  readonly gradOut: Tensor;
  readonly outSize: number;
  /** 2 · multiply-adds of the forward pass (padding taps included, as every library counts them). */
  readonly flops: number;
}

export function makeInputs(c: ConvCase, seed = 1): ConvInputs {
  const random = createRandom(seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => random() * 2 - 1);
  const outSize = Math.ceil(c.size / c.stride);
  return {
    x: new Tensor([c.channels, c.size, c.size], fill(c.channels * c.size * c.size)),
    w: new Tensor(
      [c.kernels, c.channels, c.kernel, c.kernel],
      fill(c.kernels * c.channels * c.kernel * c.kernel),
    ),
    gradOut: new Tensor([c.kernels, outSize, outSize], fill(c.kernels * outSize * outSize)),
    outSize,
    flops: 2 * c.kernels * c.channels * c.kernel * c.kernel * outSize * outSize,
  };
}

export function convOptions(c: ConvCase) {
  return { padding: 'same', stride: c.stride, dilation: c.dilation } as const;
}

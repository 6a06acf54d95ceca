import { createRandom } from './random';
import { requireInteger, ShapeError } from './shape-errors';
import { shapeSize, Tensor } from './tensor';

/**
 * Ready-made kernels: sampled gaussians, the classic hand-designed filters, and seeded random initial
 * weights. Every kernel comes back as a bank `[O, C, kh, kw]` so it plugs straight into conv2d.
 */

function gaussianWeights(op: string, size: number, sigma: number): number[] {
  requireInteger(op, 'size', size, 1);
  if (!Number.isFinite(sigma) || sigma <= 0) {
    throw new ShapeError(op, `sigma must be a finite number > 0, got ${sigma}`);
  }
  // Centre between the two middle taps for even sizes, so the kernel stays symmetric.
  const centre = (size - 1) / 2;
  const raw = Array.from({ length: size }, (_, i) => Math.exp(-((i - centre) ** 2) / (2 * sigma * sigma)));
  const total = raw.reduce((s, w) => s + w, 0);
  return raw.map((w) => w / total);
}

/** A 1-D gaussian `[1, 1, 1, size]`, normalised to sum 1. */
export function gaussianKernel1d(size: number, sigma: number): Tensor {
  return new Tensor([1, 1, 1, size], Float32Array.from(gaussianWeights('gaussianKernel1d', size, sigma)));
}

/** A 2-D gaussian `[1, 1, size, size]`, normalised to sum 1 (the outer product of two 1-D ones). */
export function gaussianKernel(size: number, sigma: number): Tensor {
  const w = gaussianWeights('gaussianKernel', size, sigma);
  const out = new Float32Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) out[y * size + x] = (w[y] ?? 0) * (w[x] ?? 0);
  return new Tensor([1, 1, size, size], out);
}

export interface KernelPreset {
  readonly label: string;
  readonly description: string;
  readonly values: readonly (readonly number[])[];
}

const ninth = 1 / 9;
const sixteenth = 1 / 16;

export const kernelPresets = {
  identity: {
    label: 'Identity',
    description: 'Copies each pixel unchanged, a handy baseline to compare other filters against.',
    values: [
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
    ],
  },
  'box-blur': {
    label: 'Box blur',
    description: 'Replaces each pixel by the plain average of its 3×3 neighbourhood.',
    values: [
      [ninth, ninth, ninth],
      [ninth, ninth, ninth],
      [ninth, ninth, ninth],
    ],
  },
  'gaussian-blur': {
    label: 'Gaussian blur',
    description: 'Averages the neighbourhood with 1-2-1 weights, so nearer pixels count for more.',
    values: [
      [sixteenth, 2 * sixteenth, sixteenth],
      [2 * sixteenth, 4 * sixteenth, 2 * sixteenth],
      [sixteenth, 2 * sixteenth, sixteenth],
    ],
  },
  sharpen: {
    label: 'Sharpen',
    description: 'Boosts each pixel against its four neighbours, making edges look crisper.',
    values: [
      [0, -1, 0],
      [-1, 5, -1],
      [0, -1, 0],
    ],
  },
  laplacian: {
    label: 'Laplacian',
    description: 'Second-derivative filter over the four direct neighbours; flat regions go to zero.',
    values: [
      [0, 1, 0],
      [1, -4, 1],
      [0, 1, 0],
    ],
  },
  outline: {
    label: 'Outline',
    description: 'Compares each pixel with all eight neighbours, lighting up every edge direction.',
    values: [
      [-1, -1, -1],
      [-1, 8, -1],
      [-1, -1, -1],
    ],
  },
  'sobel-x': {
    label: 'Sobel x',
    description: 'Responds to brightness changing from left to right, i.e. vertical edges.',
    values: [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ],
  },
  'sobel-y': {
    label: 'Sobel y',
    description: 'Responds to brightness changing from top to bottom, i.e. horizontal edges.',
    values: [
      [-1, -2, -1],
      [0, 0, 0],
      [1, 2, 1],
    ],
  },
  'prewitt-x': {
    label: 'Prewitt x',
    description: 'Like Sobel x but with equal weight on each row of the window.',
    values: [
      [-1, 0, 1],
      [-1, 0, 1],
      [-1, 0, 1],
    ],
  },
  'prewitt-y': {
    label: 'Prewitt y',
    description: 'Like Sobel y but with equal weight on each column of the window.',
    values: [
      [-1, -1, -1],
      [0, 0, 0],
      [1, 1, 1],
    ],
  },
  emboss: {
    label: 'Emboss',
    description: 'Lights one side of each edge and shades the other, giving a raised-relief look.',
    values: [
      [-2, -1, 0],
      [-1, 1, 1],
      [0, 1, 2],
    ],
  },
  'edge-horizontal': {
    label: 'Horizontal edge',
    description: 'A minimal detector that fires where a bright row sits above a dark one.',
    values: [
      [1, 1, 1],
      [0, 0, 0],
      [-1, -1, -1],
    ],
  },
  'edge-vertical': {
    label: 'Vertical edge',
    description: 'A minimal detector that fires where a bright column sits left of a dark one.',
    values: [
      [1, 0, -1],
      [1, 0, -1],
      [1, 0, -1],
    ],
  },
} as const satisfies Record<string, KernelPreset>;

export type KernelPresetName = keyof typeof kernelPresets;

/** The named preset as a `[1, 1, kh, kw]` kernel bank. */
export function presetKernel(name: KernelPresetName): Tensor {
  const preset = (kernelPresets as Record<string, KernelPreset | undefined>)[name];
  if (preset === undefined) {
    throw new ShapeError(
      'presetKernel',
      `unknown preset '${name}', expected one of ${Object.keys(kernelPresets).join(', ')}`,
    );
  }
  const kh = preset.values.length;
  const kw = preset.values[0]?.length ?? 0;
  return new Tensor([1, 1, kh, kw], Float32Array.from(preset.values.flat()));
}

export interface RandomKernelOptions {
  /** Standard deviation of the gaussian draws. Defaults to He: sqrt(2 / fanIn), fanIn = C·kh·kw. */
  readonly scale?: number | 'he' | 'glorot';
}

/**
 * Seeded gaussian weights for a bank `[O, C, kh, kw]`. 'he' (default) suits relu layers; 'glorot' uses
 * sqrt(2 / (fanIn + fanOut)) with fanOut = O·kh·kw and suits tanh/sigmoid layers.
 */
export function randomKernel(
  shape: readonly [number, number, number, number],
  seed: number,
  scale: RandomKernelOptions['scale'] = 'he',
): Tensor {
  for (const [axis, n] of shape.entries()) requireInteger('randomKernel', `shape[${axis}]`, n, 1);
  const [o, c, kh, kw] = shape;
  const fanIn = c * kh * kw;
  const fanOut = o * kh * kw;
  const std =
    scale === 'he' ? Math.sqrt(2 / fanIn) : scale === 'glorot' ? Math.sqrt(2 / (fanIn + fanOut)) : scale;
  if (!Number.isFinite(std) || std < 0)
    throw new ShapeError('randomKernel', `scale must be a finite number >= 0, got ${std}`);
  const random = createRandom(seed);
  const out = new Float32Array(shapeSize(shape));
  for (let i = 0; i < out.length; i++) out[i] = random.gaussian() * std;
  return new Tensor(shape, out);
}

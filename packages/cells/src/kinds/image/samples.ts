import { createRandom, Tensor } from '@convbook/core';
import { drawText, GLYPH_HEIGHT, textWidth } from '../../render/bitmap-font';

/**
 * Built-in procedural pictures, so a notebook can start from an interesting image without storing pixels:
 * a document keeps `{ name, size, seed }` and every machine draws the same thing. All values lie in [0, 1].
 */
export const sampleNames = [
  'checkerboard',
  'stripes',
  'circles',
  'gradient',
  'letters',
  'digits',
  'noise',
  'signal-peaks',
  'rgb-shapes',
] as const;

export type SampleName = (typeof sampleNames)[number];

export interface SampleSpec {
  readonly name: SampleName;
  /** Side of the square image; for 'signal-peaks' the signal's length. */
  readonly size?: number | undefined;
  readonly seed?: number | undefined;
  /** Stripe direction in degrees (0 = vertical stripes, i.e. intensity varies along x). */
  readonly angle?: number | undefined;
  /** What 'letters' / 'digits' write. */
  readonly text?: string | undefined;
}

export const DEFAULT_SAMPLE_SIZE = 32;
export const DEFAULT_SIGNAL_LENGTH = 128;

type Painter = (spec: SampleSpec, size: number) => Tensor;

const painters: Readonly<Record<SampleName, Painter>> = {
  checkerboard: (_spec, size) =>
    paintGray(size, (y, x) => {
      const cell = Math.max(1, Math.floor(size / 8));
      return (Math.floor(y / cell) + Math.floor(x / cell)) % 2;
    }),
  stripes: (spec, size) => {
    const radians = ((spec.angle ?? 0) * Math.PI) / 180;
    const period = Math.max(2, size / 4);
    return paintGray(size, (y, x) => {
      const along = x * Math.cos(radians) + y * Math.sin(radians);
      return 0.5 + 0.5 * Math.sin((2 * Math.PI * along) / period);
    });
  },
  circles: (_spec, size) => {
    const centre = (size - 1) / 2;
    const ringWidth = Math.max(1, size / 8);
    return paintGray(size, (y, x) => Math.floor(Math.hypot(y - centre, x - centre) / ringWidth) % 2);
  },
  gradient: (_spec, size) => paintGray(size, (y, x) => (size === 1 ? 0 : (x + y) / (2 * (size - 1)))),
  letters: (spec, size) => paintText((spec.text ?? 'CNN').toUpperCase(), size),
  digits: (spec, size) => paintText(spec.text ?? '2024', size),
  noise: (spec, size) => {
    const random = createRandom(spec.seed ?? 1);
    return paintGray(size, () => random());
  },
  'signal-peaks': (spec, length) => paintSignal(length, spec.seed ?? 1),
  'rgb-shapes': (_spec, size) => paintRgbShapes(size),
};

/** Draws a named sample as a [C, H, W] tensor (C = 3 for 'rgb-shapes', H = 1 for 'signal-peaks'). */
export function renderSample(spec: SampleSpec): Tensor {
  const size = spec.size ?? (spec.name === 'signal-peaks' ? DEFAULT_SIGNAL_LENGTH : DEFAULT_SAMPLE_SIZE);
  return painters[spec.name](spec, size);
}

function paintGray(size: number, shade: (y: number, x: number) => number): Tensor {
  const data = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) data[y * size + x] = shade(y, x);
  }
  return new Tensor([1, size, size], data);
}

/** White glyphs on black, scaled by the largest whole factor that fits, centred. */
function paintText(text: string, size: number): Tensor {
  const data = new Float32Array(size * size);
  const unscaledWidth = Math.max(1, textWidth(text, 1));
  const scale = Math.max(1, Math.floor(Math.min(size / unscaledWidth, size / GLYPH_HEIGHT)));
  const left = Math.floor((size - textWidth(text, scale)) / 2);
  const top = Math.floor((size - GLYPH_HEIGHT * scale) / 2);
  drawText(text, left, top, scale, (x, y) => {
    if (x >= 0 && x < size && y >= 0 && y < size) data[y * size + x] = 1;
  });
  return new Tensor([1, size, size], data);
}

/**
 * A 1×N signal: three gaussian bumps of different heights plus seeded noise, so raw peak finding sees many
 * tiny false peaks and smoothing first leaves only the bumps. Bumps sit at 20 %, 50 % and 80 % of the length;
 * values are clipped to [0, 1] like every other sample.
 */
function paintSignal(length: number, seed: number): Tensor {
  const random = createRandom(seed);
  const bumps = [
    { centre: 0.2, height: 0.6, width: 0.04 },
    { centre: 0.5, height: 0.9, width: 0.05 },
    { centre: 0.8, height: 0.45, width: 0.03 },
  ];
  const data = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const t = length === 1 ? 0 : i / (length - 1);
    let value = 0.05;
    for (const bump of bumps) value += bump.height * Math.exp(-(((t - bump.centre) / bump.width) ** 2) / 2);
    data[i] = Math.min(1, Math.max(0, value + 0.05 * random.gaussian()));
  }
  return new Tensor([1, 1, length], data);
}

/** A red square, a green disc and a blue bar on black: each channel sees a different shape. */
function paintRgbShapes(size: number): Tensor {
  const plane = size * size;
  const data = new Float32Array(3 * plane);
  const quarter = size / 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const at = y * size + x;
      if (y >= quarter * 0.5 && y < quarter * 2 && x >= quarter * 0.5 && x < quarter * 2) data[at] = 1;
      if (Math.hypot(y - quarter * 2.6, x - quarter * 2.6) < quarter) data[plane + at] = 1;
      if (x >= quarter * 0.5 && x < quarter * 3.5 && y >= quarter * 3.1 && y < quarter * 3.6) {
        data[2 * plane + at] = 1;
      }
    }
  }
  return new Tensor([3, size, size], data);
}

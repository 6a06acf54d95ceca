import { Tensor } from '@convbook/core';
import { describe, optional, str } from '../../document/param-schema';
import { defineCellKind } from '../define-cell-kind';
import { DIGIT_PIXELS, DIGIT_SIDE } from './digits-data';

/**
 * A digit drawn by hand, already preprocessed the MNIST way by the canvas (preprocess-digit.ts): a 28×28
 * picture stored as base64 bytes (0 paper … 255 ink), about 1 kB in the file. Blank until something is drawn.
 */
export const drawnDigitCell = defineCellKind({
  kind: 'drawn-digit',
  label: 'Drawn digit',
  description:
    'Draw a digit with mouse, pen or finger; it is fitted into 20×20 and centred by mass in 28×28.',
  inputs: {},
  params: {
    pixels: optional(
      describe(str(2 * DIGIT_PIXELS), 'Pixels', 'The 28×28 drawing as base64 bytes, 0 paper to 255 ink.'),
    ),
  },
  output: 'tensor',
  validateParams: (params) => {
    if (params.pixels === undefined) return [];
    try {
      decodeDigitPixels(params.pixels);
      return [];
    } catch (error) {
      return [{ path: 'pixels', message: (error as Error).message }];
    }
  },
  compute: (_inputs, params) => {
    const data =
      params.pixels === undefined ? new Float32Array(DIGIT_PIXELS) : decodeDigitPixels(params.pixels);
    return { type: 'tensor', tensor: new Tensor([1, DIGIT_SIDE, DIGIT_SIDE], data) };
  },
});

/** 28×28 values in 0–1 → base64 of one byte each (what the canvas writes into `pixels`). */
export function encodeDigitPixels(image: Float32Array): string {
  let binary = '';
  for (let i = 0; i < DIGIT_PIXELS; i++) {
    binary += String.fromCharCode(Math.round(Math.min(1, Math.max(0, image[i] ?? 0)) * 255));
  }
  return btoa(binary);
}

export function decodeDigitPixels(text: string): Float32Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new Error('is not base64');
  }
  if (binary.length !== DIGIT_PIXELS)
    throw new Error(`holds ${binary.length} bytes; a 28×28 digit needs 784`);
  const out = new Float32Array(DIGIT_PIXELS);
  for (let i = 0; i < DIGIT_PIXELS; i++) out[i] = binary.charCodeAt(i) / 255;
  return out;
}

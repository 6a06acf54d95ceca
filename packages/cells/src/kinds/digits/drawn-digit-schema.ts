import { describe, optional, str } from '../../document/param-schema';
import { defineKindSchema } from '../kind-schema';
import { decodeDigitPixels } from './digit-pixels';
import { DIGIT_PIXELS } from './digits-data';

/**
 * A digit drawn by hand, already preprocessed the MNIST way by the canvas (preprocess-digit.ts): a 28×28
 * picture stored as base64 bytes (0 paper … 255 ink), about 1 kB in the file. Blank until something is drawn.
 */
export const drawnDigitSchema = defineKindSchema({
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
});

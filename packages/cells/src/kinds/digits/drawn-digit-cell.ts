import { Tensor } from '@convbook/core';
import { withCompute } from '../kind-compute';
import { decodeDigitPixels } from './digit-pixels';
import { DIGIT_PIXELS, DIGIT_SIDE } from './digits-data';
import { drawnDigitSchema } from './drawn-digit-schema';

/** Runs drawn-digit cells (the schema, drawn-digit-schema.ts, is what the page reads). */
export const drawnDigitCell = withCompute(drawnDigitSchema, {
  compute: (_inputs, params) => {
    const data =
      params.pixels === undefined ? new Float32Array(DIGIT_PIXELS) : decodeDigitPixels(params.pixels);
    return { type: 'tensor', tensor: new Tensor([1, DIGIT_SIDE, DIGIT_SIDE], data) };
  },
});

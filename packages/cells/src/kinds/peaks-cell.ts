import { findPeaks } from '@convbook/core';
import { withCompute } from './kind-compute';
import { peaksSchema } from './peaks-schema';

/** Runs peaks cells (the schema, peaks-schema.ts, is what the page reads). */
export const peaksCell = withCompute(peaksSchema, {
  validateInputs: ({ signal }) => {
    const [channels, height] = signal.tensor.shape;
    return channels === 1 && height === 1
      ? undefined
      : `expects a signal of shape 1×1×N, got ${signal.tensor.shape.join('×')}`;
  },
  compute: ({ signal }, params) => {
    const peaks = findPeaks(signal.tensor.data, {
      ...(params.minHeight === undefined ? {} : { minHeight: params.minHeight }),
      ...(params.minProminence === undefined ? {} : { minProminence: params.minProminence }),
      ...(params.minDistance === undefined ? {} : { minDistance: params.minDistance }),
    });
    const listed = peaks.map((p) => `${p.index} (${p.value.toFixed(2)})`).join(', ');
    const count = `**${peaks.length} ${peaks.length === 1 ? 'peak' : 'peaks'}**`;
    return { type: 'note', markdown: peaks.length === 0 ? count : `${count} at ${listed}` };
  },
});

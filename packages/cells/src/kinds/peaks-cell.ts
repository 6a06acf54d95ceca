import { findPeaks } from '@convbook/core';
import { describe, int, num, optional } from '../document/param-schema';
import { defineCellKind } from './define-cell-kind';

/**
 * A readout for 1-D signals (1×N images): the local maxima, as a short text, so a notebook can show that
 * smoothing turns dozens of noise peaks into the few real ones. Filters as scipy.signal.find_peaks does.
 */
export const peaksCell = defineCellKind({
  kind: 'peaks',
  label: 'Peaks',
  description: 'Lists the local maxima of a signal (a one-row image), optionally only the prominent ones.',
  inputs: { signal: 'tensor' },
  params: {
    minHeight: optional(describe(num(), 'Minimum height', 'Ignore maxima lower than this.')),
    minProminence: optional(
      describe(
        num(0),
        'Minimum prominence',
        'Ignore maxima that rise less than this above their surroundings.',
      ),
    ),
    minDistance: optional(describe(int(1, 4096), 'Minimum distance', 'Of two close maxima keep the taller.')),
  },
  output: 'note',
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

import { describe, int, num, optional } from '../document/param-schema';
import { defineKindSchema } from './kind-schema';

/**
 * A readout for 1-D signals (1×N images): the local maxima, as a short text, so a notebook can show that
 * smoothing turns dozens of noise peaks into the few real ones. Filters as scipy.signal.find_peaks does.
 */
export const peaksSchema = defineKindSchema({
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
});

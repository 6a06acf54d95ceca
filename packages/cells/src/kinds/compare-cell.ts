import { formatShape, Tensor } from '@convbook/core';
import { compareSchema } from './compare-schema';
import { withCompute } from './kind-compute';

/** Runs compare cells (the schema, compare-schema.ts, is what the page reads). */
export const compareCell = withCompute(compareSchema, {
  validateInputs: ({ a, b }) =>
    a.tensor.shape.length === b.tensor.shape.length && a.tensor.shape.every((n, i) => n === b.tensor.shape[i])
      ? undefined
      : `needs two maps of the same shape, got ${formatShape(a.tensor.shape)} and ${formatShape(b.tensor.shape)}`,
  compute: ({ a, b }, params) => {
    const difference = new Tensor(
      a.tensor.shape,
      a.tensor.data.map((v, i) => v - (b.tensor.data[i] ?? 0)),
    );
    const figures = compareFigures(a.tensor, b.tensor, difference, params.border, params.tolerance);
    return {
      type: 'tensor',
      tensor: difference,
      note: describeComparison(figures, params.tolerance),
      figures,
    };
  },
});

export type ComparisonFigures = {
  readonly units: number;
  /** Units non-zero (beyond the tolerance) in at least one of the two maps. */
  readonly active: number;
  /** Units whose difference exceeds the tolerance, or is NaN (`notANumber` of them). */
  readonly changed: number;
  /** Units where either map holds NaN (so their difference is NaN): counted as changed, sized by no max. */
  readonly notANumber: number;
  /** changed / active: 0 when neither map has an active unit. */
  readonly changedFraction: number;
  /** Largest |a − b| more than `border` pixels from every edge. */
  readonly maxInside: number;
  /** Largest |a − b| within `border` pixels of an edge (0 when there is no border). */
  readonly maxAtBorder: number;
  readonly border: number;
};

export function compareFigures(
  a: Tensor,
  b: Tensor,
  difference: Tensor,
  border: number,
  tolerance: number,
): ComparisonFigures {
  const height = difference.shape.at(-2) ?? 1;
  const width = difference.shape.at(-1) ?? 1;
  let active = 0;
  let changed = 0;
  let notANumber = 0;
  let maxInside = 0;
  let maxAtBorder = 0;
  for (const [i, d] of difference.data.entries()) {
    const size = Math.abs(d);
    // A NaN difference (a NaN in either map) is an active unit that changed, never agreement; it has no
    // size to be the largest.
    if (Number.isNaN(size)) {
      notANumber++;
      active++;
      changed++;
      continue;
    }
    if (size > tolerance) changed++;
    if (Math.abs(a.data[i] ?? 0) > tolerance || Math.abs(b.data[i] ?? 0) > tolerance) active++;
    const y = Math.floor(i / width) % height;
    const x = i % width;
    const inside = y >= border && y < height - border && x >= border && x < width - border;
    if (inside) maxInside = Math.max(maxInside, size);
    else maxAtBorder = Math.max(maxAtBorder, size);
  }
  const units = difference.size;
  const changedFraction = active === 0 ? 0 : changed / active;
  return { units, active, changed, notANumber, changedFraction, maxInside, maxAtBorder, border };
}

/**
 * The readout in plain sentences: "Identical: no unit differs.", or "2 of 6 active units differ (33.3 %).
 * Largest difference: 1 away from the edges, 9 within 1 px of an edge."
 */
function describeComparison(f: ComparisonFigures, tolerance: number): string {
  const largest = (v: number): string => String(Number(v.toPrecision(3)));
  const maxDifference = Math.max(f.maxInside, f.maxAtBorder);
  if (f.changed === 0) {
    // Differences within the tolerance are rounding, not change: say they exist rather than hide them.
    return maxDifference === 0
      ? 'Identical: no unit differs.'
      : `Identical within the tolerance: no unit differs by more than ${tolerance} (the largest difference is ${largest(maxDifference)}).`;
  }
  const percent = `${Number((100 * f.changedFraction).toFixed(1))} %`;
  const verb = f.changed === 1 ? 'differs' : 'differ';
  const nan =
    f.notANumber === 0
      ? ''
      : ` ${f.notANumber} of them ${f.notANumber === 1 ? 'is' : 'are'} NaN in one of the maps.`;
  const units = `${f.changed} of ${f.active} active units ${verb} (${percent}).${nan}`;
  if (f.border === 0) return `${units} Largest difference: ${largest(f.maxInside)}.`;
  return (
    `${units} Largest difference: ${largest(f.maxInside)} away from the edges, ` +
    `${largest(f.maxAtBorder)} within ${f.border} px of an edge.`
  );
}

import type { CellUnitBreakdown } from '@convbook/cells';
import type { ConvUnitBreakdown, PoolUnitBreakdown } from '@convbook/core';
import { capitalise } from '../../format/capitalise';
import { formatValue } from '../../format/format-number';

/**
 * The breakdown of one unit in words: the formula line the explainer shows under its tables, and the
 * sentence it announces to screen readers. Positions count from 1, as the map's tooltip does.
 */

/** Up to this many products are written out term by term; beyond, only their count and sum. */
export const MAX_WRITTEN_TERMS = 12;

const number = (x: number): string => formatValue(x, 4);
const factor = (x: number): string => (x < 0 ? `(${number(x)})` : number(x));

/** "row 2, column 3 of map 1" — map for a conv's kernel, channel for pool. */
export function unitName(breakdown: CellUnitBreakdown): string {
  const { y, x } = breakdown.unit;
  const plane =
    breakdown.kind === 'conv' ? `map ${breakdown.unit.kernel + 1}` : `channel ${breakdown.unit.channel + 1}`;
  return `row ${y + 1}, column ${x + 1} of ${plane}`;
}

/** "3 × 1 + 1 × 0 + 0 × 0 + 1 × (−1) = 2", or "the 27 products add up to 4.2". */
export function sumText(breakdown: ConvUnitBreakdown): string {
  const taps = breakdown.taps;
  if (taps.length > MAX_WRITTEN_TERMS)
    return `the ${taps.length} products add up to ${number(breakdown.sum)}`;
  const terms = taps.map((tap) => `${factor(tap.value)} × ${factor(tap.weight)}`).join(' + ');
  return `${terms} = ${number(breakdown.sum)}`;
}

/** The steps after the sum: "+ bias 0.5 = 2.5", then "relu(2.5) = 2.5" unless there is no activation. */
export function finishSteps(breakdown: ConvUnitBreakdown): string[] {
  const steps = [
    `${number(breakdown.sum)} + bias ${factor(breakdown.bias)} = ${number(breakdown.preActivation)}`,
  ];
  if (breakdown.activation !== 'identity') {
    steps.push(`${breakdown.activation}(${number(breakdown.preActivation)}) = ${number(breakdown.value)}`);
  }
  return steps;
}

/** How many window cells lie in the padding, and what they hold, or '' when none do. */
export function paddingText(breakdown: CellUnitBreakdown): string {
  const cells = breakdown.kind === 'conv' ? breakdown.taps : breakdown.cells;
  const padded = cells.filter((cell) => cell.padded).length;
  if (padded === 0) return '';
  const perChannel = breakdown.kind === 'conv' ? padded / (breakdown.appliedKernel.length || 1) : padded;
  const total =
    breakdown.kind === 'conv' ? cells.length / (breakdown.appliedKernel.length || 1) : cells.length;
  const what =
    breakdown.kind === 'pool'
      ? breakdown.poolKind === 'max'
        ? 'ignored'
        : 'not counted'
      : breakdown.paddingMode === 'zeros'
        ? 'zeros'
        : `${breakdown.paddingMode} copies of edge cells`;
  return `${perChannel} of the ${total} window cells are padding (${what})`;
}

/** The pool formula: "max(0, 1, 3, 1) = 3" or "(0 + 1 + 3 + 1) / 4 = 1.25". */
export function poolText(breakdown: PoolUnitBreakdown): string {
  const real = breakdown.cells.flatMap((cell) => (cell.value === null ? [] : [cell.value]));
  if (real.length > MAX_WRITTEN_TERMS) {
    return breakdown.poolKind === 'max'
      ? `the largest of ${real.length} cells is ${number(breakdown.value)}`
      : `${real.length} cells add up to ${number(breakdown.sum)}; / ${real.length} = ${number(breakdown.value)}`;
  }
  if (breakdown.poolKind === 'max') return `max(${real.map(number).join(', ')}) = ${number(breakdown.value)}`;
  return `(${real.map(factor).join(' + ')}) / ${breakdown.count} = ${number(breakdown.value)}`;
}

/** The sentence announced when a unit is selected (polite, once per selection, not while playing). */
export function summaryText(breakdown: CellUnitBreakdown): string {
  const padding = paddingText(breakdown);
  const tail = padding === '' ? '' : ` ${capitalise(padding)}.`;
  if (breakdown.kind === 'pool') {
    return `${capitalise(unitName(breakdown))}: ${poolText(breakdown)}.${tail}`;
  }
  const steps = [sumText(breakdown), ...finishSteps(breakdown)].join('; ');
  const flip = breakdown.flipped ? ' The kernel is turned 180° (flip).' : '';
  return `${capitalise(unitName(breakdown))}: ${steps}.${tail}${flip}`;
}

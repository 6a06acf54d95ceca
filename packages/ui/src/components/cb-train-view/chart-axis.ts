import { formatCount } from '../../format/format-number';

/**
 * Axis ticks at round numbers for the train view's charts: 1, 2 or 5 times a power of ten apart, the
 * spacings people read without effort (0, 0.5, 1, 1.5 …; 0, 10 000, 20 000 …).
 */
export interface Axis {
  /** The range the chart maps onto its width or height. */
  readonly min: number;
  readonly max: number;
  /** The distance between neighbouring ticks. */
  readonly step: number;
  readonly ticks: readonly number[];
}

export interface AxisOptions {
  /**
   * Widen the range out to the enclosing ticks, so the top of a curve meets a labelled line instead of an
   * unlabelled edge. Off, the range stays as given: examples seen grows while training runs, and the curve
   * should reach the chart's right edge.
   */
  readonly extend?: boolean;
  /** Counts (examples, steps) never get ticks between whole numbers. */
  readonly integers?: boolean;
}

/** Division results a hair off a whole number (2.9999999999) still count as that number. */
const FUZZ = 1e-9;

/** Ticks for [min, max], at most `maxGaps` gaps apart. */
export function niceAxis(min: number, max: number, maxGaps: number, options: AxisOptions = {}): Axis {
  // A diverged run's Infinity or NaN has no place on an axis: the caller plots finite values only.
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 1, step: 1, ticks: [0, 1] };
  if (!(max > min)) return { min, max: min, step: 1, ticks: [min] };
  const raw = niceStep((max - min) / Math.max(1, maxGaps));
  const step = options.integers ? Math.max(1, raw) : raw;
  const low = options.extend ? Math.floor(min / step + FUZZ) * step : min;
  const high = options.extend ? Math.ceil(max / step - FUZZ) * step : max;
  const first = Math.ceil(low / step - FUZZ);
  const last = Math.floor(high / step + FUZZ);
  const ticks: number[] = [];
  // maxGaps bounds the count (the step is at least the range over maxGaps); the cap is for a range so
  // wide that the step itself rounds badly.
  for (let i = first; i <= last && ticks.length < maxGaps + 2; i++) ticks.push(clean(i * step));
  return { min: clean(low), max: clean(high), step, ticks };
}

/** The smallest of 1, 2, 5 or 10 times a power of ten that is at least `raw`. */
export function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const factor = fraction <= 1 + FUZZ ? 1 : fraction <= 2 + FUZZ ? 2 : fraction <= 5 + FUZZ ? 5 : 10;
  return clean(factor * power);
}

/**
 * A tick label with as many decimals as the step needs and no more, the same for every tick of an axis
 * (0.0, 0.5, 1.0 line up); whole steps read as counts with thin-space thousands (10 000).
 */
export function formatTick(value: number, step: number): string {
  if (step >= 1) return formatCount(value);
  return value.toFixed(Math.ceil(-Math.log10(step) - FUZZ));
}

/** Removes the float noise of repeated decimal steps (0.30000000000000004 → 0.3). */
function clean(x: number): number {
  return Number(x.toPrecision(12));
}

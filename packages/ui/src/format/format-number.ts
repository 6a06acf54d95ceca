/**
 * Number formatting for people reading a notebook: counts with thin-space thousands separators
 * (1 234 567 reads the same in every locale), values with a few significant digits, and NaN/∞ spelled out.
 */

/** U+202F narrow no-break space: a thin separator that never breaks a number across lines. */
export const THIN_SPACE = '\u202f';

/** Whole counts (units, weights, MACs): `1234567` → `1 234 567` with thin spaces. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return formatNonFinite(n);
  const sign = n < 0 ? '−' : '';
  const digits = Math.round(Math.abs(n)).toString();
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += THIN_SPACE;
    out += digits[i];
  }
  return sign + out;
}

/**
 * A measured value (weight, activation, loss) in at most `digits` significant digits, without trailing
 * zeros, switching to exponent form from 10⁵ up and below 10⁻⁴. Uses a true minus sign.
 */
export function formatValue(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return formatNonFinite(x);
  if (x === 0) return '0';
  const magnitude = Math.abs(x);
  let text: string;
  // Down to 1e-4 in decimals: "0.000825" beside "−1" and "1" reads as nearly zero at a glance, where
  // "8.25e-4" reads like a number of another kind; below that the zeros get too many to count.
  if (magnitude >= 1e5 || magnitude < 1e-4) {
    const [mantissa = '0', exponent = '0'] = magnitude.toExponential(digits - 1).split('e');
    text = `${trimZeros(mantissa)}e${exponent.replace('+', '')}`;
  } else {
    const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(magnitude)));
    // Down to 1e-4 that is at most digits + 3 decimals (0.000123 to three digits, 0.00012345 to five).
    text = trimZeros(magnitude.toFixed(Math.min(decimals, digits + 3)));
  }
  if (text === '0') return '0';
  return (x < 0 ? '−' : '') + text;
}

/** Below this fraction of the largest magnitude on screen, a value is rounding noise and reads as 0. */
export const NOISE_FRACTION = 1e-6;

/**
 * A value among others (a table, a legend): like `formatValue`, but magnitudes under `NOISE_FRACTION` of
 * `scale` (the largest magnitude shown beside it) read as 0, so float noise such as −1.7e-9 next to 3 does
 * not look like a real negative number.
 */
export function formatAmong(x: number, scale: number, digits = 3): string {
  if (Number.isFinite(x) && Number.isFinite(scale) && Math.abs(x) < NOISE_FRACTION * Math.abs(scale))
    return '0';
  return formatValue(x, digits);
}

/** The largest finite magnitude in `data` (0 when there is none): the `scale` for `formatAmong`. */
export function largestMagnitude(data: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < data.length; i++) {
    const magnitude = Math.abs(data[i] ?? 0);
    if (magnitude > largest && Number.isFinite(magnitude)) largest = magnitude;
  }
  return largest;
}

/** Compute time: `< 0.1 ms`, `0.4 ms`, `12 ms`, `1.25 s` (never "0.0 ms": it took some time). */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 0.05) return '< 0.1 ms';
  if (ms < 1) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${trimZeros((ms / 1000).toFixed(2))} s`;
}

/** A shape for people: `[3, 32, 32]` → `3×32×32`. */
export function formatShapeForPeople(shape: readonly number[]): string {
  return shape.length === 0 ? 'scalar' : shape.join('×');
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function formatNonFinite(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  return x > 0 ? '∞' : '−∞';
}

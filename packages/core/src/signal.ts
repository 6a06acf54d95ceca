import { formatShape, requireInteger, ShapeError } from './shape-errors';
import { Tensor } from './tensor';

/**
 * One-dimensional signals — a 1×N image — and the classic use of a smoothing kernel: find the real peaks
 * of a noisy signal without counting every wiggle. A signal or kernel may be a plain array, a Float32Array,
 * or a tensor whose axes are all 1 except the last (`[N]`, `[1, N]`, `[1, 1, 1, N]`).
 */
export type SignalLike = Float32Array | readonly number[] | Tensor;

function toValues(op: string, name: string, signal: SignalLike): Float32Array {
  if (!(signal instanceof Tensor)) return signal instanceof Float32Array ? signal : Float32Array.from(signal);
  if (signal.rank === 0 || signal.shape.slice(0, -1).some((n) => n !== 1)) {
    throw new ShapeError(
      op,
      `${name} must be 1×N (all axes but the last of size 1), got ${formatShape(signal.shape)}`,
    );
  }
  return signal.data;
}

/**
 * Slides `kernel` along the signal (correlation, as conv layers do: no flip) and returns a signal of the
 * same length. Edges repeat the first/last sample, so a flat signal stays flat under a normalised kernel.
 * The kernel's anchor is tap floor((K − 1)/2), matching 'same' padding (the odd extra tap looks ahead).
 * Returns a Float32Array, or a tensor of the input's shape when given a tensor.
 */
export function smooth1d(signal: Tensor, kernel: SignalLike): Tensor;
export function smooth1d(signal: Float32Array | readonly number[], kernel: SignalLike): Float32Array;
export function smooth1d(signal: SignalLike, kernel: SignalLike): Tensor | Float32Array {
  const x = toValues('smooth1d', 'signal', signal);
  const k = toValues('smooth1d', 'kernel', kernel);
  if (k.length === 0) throw new ShapeError('smooth1d', 'kernel must have at least 1 tap, got 0');
  const before = Math.floor((k.length - 1) / 2);
  const last = x.length - 1;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let sum = 0;
    for (let j = 0; j < k.length; j++) {
      const source = Math.min(Math.max(i - before + j, 0), last);
      sum += (k[j] ?? 0) * (x[source] ?? 0);
    }
    out[i] = sum;
  }
  return signal instanceof Tensor ? new Tensor(signal.shape, out) : out;
}

export interface Peak {
  readonly index: number;
  readonly value: number;
  /** Height above the higher of the two bases, as in scipy.signal.peak_prominences. */
  readonly prominence: number;
}

export interface PeakOptions {
  readonly minHeight?: number;
  readonly minProminence?: number;
  /** Peaks closer than this (in samples) compete; the taller one stays, the left one on a tie. */
  readonly minDistance?: number;
}

/**
 * Local maxima, in index order, filtered like scipy.signal.find_peaks: height first, then distance, then
 * prominence. A flat top counts once, at its middle sample (the left of the two middles when even). The
 * first and last samples are never peaks, since one side is unknown.
 */
export function findPeaks(signal: SignalLike, options: PeakOptions = {}): Peak[] {
  const x = toValues('findPeaks', 'signal', signal);
  if (options.minDistance !== undefined) requireInteger('findPeaks', 'minDistance', options.minDistance, 1);
  let candidates = localMaxima(x);
  if (options.minHeight !== undefined) {
    const minHeight = options.minHeight;
    candidates = candidates.filter((i) => (x[i] ?? 0) >= minHeight);
  }
  if (options.minDistance !== undefined) candidates = keepDistant(x, candidates, options.minDistance);
  const peaks = candidates.map((index) => ({
    index,
    value: x[index] ?? 0,
    prominence: prominence(x, index),
  }));
  const minProminence = options.minProminence;
  return minProminence === undefined ? peaks : peaks.filter((p) => p.prominence >= minProminence);
}

function localMaxima(x: Float32Array): number[] {
  const peaks: number[] = [];
  let i = 1;
  while (i < x.length - 1) {
    if ((x[i - 1] ?? 0) < (x[i] ?? 0)) {
      let end = i; // walk across a plateau
      while (end + 1 < x.length - 1 && x[end + 1] === x[i]) end++;
      if ((x[end + 1] ?? 0) < (x[i] ?? 0)) peaks.push(Math.floor((i + end) / 2));
      i = end + 1;
    } else {
      i++;
    }
  }
  return peaks;
}

/** Greedy: visit peaks tallest first and drop any later one within `distance` of a kept peak. */
function keepDistant(x: Float32Array, peaks: readonly number[], distance: number): number[] {
  const order = [...peaks].sort((a, b) => (x[b] ?? 0) - (x[a] ?? 0) || a - b);
  const kept: number[] = [];
  for (const candidate of order) {
    if (kept.every((k) => Math.abs(k - candidate) >= distance)) kept.push(candidate);
  }
  return kept.sort((a, b) => a - b);
}

/** Each side: the lowest sample before the signal rises above the peak (or ends); the higher base wins. */
function prominence(x: Float32Array, peak: number): number {
  const height = x[peak] ?? 0;
  let leftBase = height;
  for (let i = peak - 1; i >= 0 && (x[i] ?? 0) <= height; i--) leftBase = Math.min(leftBase, x[i] ?? 0);
  let rightBase = height;
  for (let i = peak + 1; i < x.length && (x[i] ?? 0) <= height; i++)
    rightBase = Math.min(rightBase, x[i] ?? 0);
  return height - Math.max(leftBase, rightBase);
}

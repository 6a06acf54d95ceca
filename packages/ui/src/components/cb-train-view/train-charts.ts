import type { TrainValue } from '@convbook/cells';

/**
 * The numbers behind the train view's pictures, kept out of the component so they can be tested: SVG
 * polylines for the loss and accuracy curves against examples seen, the confusion matrix as row
 * fractions with a colour, and which buttons make sense in which state.
 */
export interface Polyline {
  readonly points: string;
  readonly min: number;
  readonly max: number;
  /** The x at the right edge (the largest x, at least 1); the curve's x axis runs from 0 to it. */
  readonly xMax: number;
}

/** `values` at x positions `xs` (same length), scaled into width × height; y grows downwards in SVG. */
export function polyline(
  xs: readonly number[],
  values: readonly number[],
  width: number,
  height: number,
  range?: readonly [number, number],
): Polyline {
  const xMax = Math.max(...xs, 1);
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { points: '', min: 0, max: 0, xMax };
  const min = range?.[0] ?? Math.min(...finite);
  const max = range?.[1] ?? Math.max(...finite);
  const span = max - min || 1;
  const points: string[] = [];
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) return;
    const x = ((xs[i] ?? 0) / xMax) * width;
    const y = height - ((v - min) / span) * height;
    points.push(`${round(x)},${round(y)}`);
  });
  return { points: points.join(' '), min, max, xMax };
}

export interface ConfusionCell {
  readonly count: number;
  /** Share of the true class's examples that got this prediction, 0–1. */
  readonly fraction: number;
}

export function confusionCells(confusion: readonly (readonly number[])[]): ConfusionCell[][] {
  return confusion.map((row) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    return row.map((count) => ({ count, fraction: count / total }));
  });
}

/**
 * A sequential colour for a fraction: white to the accent blue for the diagonal (right answers), white
 * to red off it (mistakes), so errors stand out even when small. Returns a CSS colour.
 */
export function confusionColour(fraction: number, onDiagonal: boolean): string {
  const t = Math.sqrt(Math.min(1, Math.max(0, fraction)));
  const [r, g, b] = onDiagonal ? [47, 95, 208] : [200, 40, 40];
  const mix = (c: number) => Math.round(255 + (c - 255) * t);
  return `rgb(${mix(r)}, ${mix(g)}, ${mix(b)})`;
}

/** Text colour that stays readable on `confusionColour`. */
export function confusionTextColour(fraction: number): string {
  return Math.sqrt(fraction) > 0.55 ? '#fff' : '#1a1a1a';
}

export interface TrainButtons {
  readonly train: boolean;
  readonly stop: boolean;
  readonly resume: boolean;
  readonly reset: boolean;
  readonly apply: boolean;
}

/** Which buttons are enabled: Stop only while running; Resume after a stop or a finished run; Apply with weights. */
export function trainButtons(value: TrainValue | undefined, running: boolean): TrainButtons {
  const has = value !== undefined && value.status !== 'running';
  return {
    train: !running,
    stop: running,
    resume: !running && has,
    reset: !running && value !== undefined,
    apply: !running && has && (value?.weights.length ?? 0) > 0,
  };
}

/** How the run used the cores, in words: "1 thread", "2 threads, shared memory", "2 threads, messages". */
export function threadsText(value: TrainValue): string {
  const threads = value.threads;
  if (threads === undefined || threads.mode === 'one-thread' || threads.helpedSteps === 0) return '1 thread';
  return `2 threads, ${threads.mode === 'shared-memory' ? 'shared memory' : 'messages'}`;
}

export function percent(x: number, digits = 1): string {
  return `${(100 * x).toFixed(digits)}%`;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

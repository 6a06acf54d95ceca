/**
 * Points of a loss curve for an SVG polyline. Gradient descent often cuts the loss by orders of magnitude,
 * so a curve whose positive values span more than 100× is drawn on a log scale (else the interesting tail is
 * a flat line at the bottom). Signals (1×N images) use the same plot on a linear scale.
 */
export interface CurvePlot {
  readonly points: string;
  readonly logScale: boolean;
  readonly min: number;
  readonly max: number;
}

export function plotLossCurve(
  losses: readonly number[],
  width: number,
  height: number,
  allowLogScale = true,
): CurvePlot {
  const finite = losses.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { points: '', logScale: false, min: 0, max: 0 };
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const logScale = allowLogScale && min > 0 && max / min > 100;
  const transform = (v: number): number => (logScale ? Math.log10(v) : v);
  const low = transform(min);
  const high = transform(max);
  const span = high - low || 1;
  const steps = Math.max(1, losses.length - 1);
  const points: string[] = [];
  losses.forEach((v, i) => {
    if (!Number.isFinite(v)) return;
    const x = (i / steps) * width;
    // A flat curve (one step, or a loss that does not move) sits in the middle.
    const y = high === low ? height / 2 : height - ((transform(v) - low) / span) * height;
    points.push(`${round(x)},${round(y)}`);
  });
  return { points: points.join(' '), logScale, min, max };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

import { html, type SVGTemplateResult, svg, type TemplateResult } from 'lit';
import type { Axis } from './chart-axis';

/** The plotting area the curves are scaled into (train-charts' `polyline`), in CSS pixels. */
export const PLOT_W = 300;
export const PLOT_H = 120;

/**
 * Room around the plot: tick labels to the left, the y-axis name above them, tick labels and the x-axis
 * name below. The whole chart (358 × 176) fits a 420 px phone's cell; narrower, it scales down.
 */
const MARGIN = { top: 22, right: 20, bottom: 34, left: 38 };
const TICK = 4;

/** The whole chart, plot and margins: its figure takes this width so a long title wraps above it. */
export const CHART_W = MARGIN.left + PLOT_W + MARGIN.right;
const CHART_H = MARGIN.top + PLOT_H + MARGIN.bottom;

export interface ChartAxis {
  readonly axis: Axis;
  /** What the axis measures, written at its end: "loss", "examples seen". */
  readonly name: string;
  readonly format: (value: number) => string;
}

/**
 * A chart's frame: the plot area with horizontal grid lines at the y ticks, both axes with their ticks,
 * round-number labels and names, and `curves` (drawn in plot coordinates, 0,0 at the top left) on top.
 */
export function renderChartFrame(
  x: ChartAxis,
  y: ChartAxis,
  curves: SVGTemplateResult,
  label: string,
): TemplateResult {
  const xAt = (v: number) => round(((v - x.axis.min) / (x.axis.max - x.axis.min || 1)) * PLOT_W);
  const yAt = (v: number) => round(PLOT_H - ((v - y.axis.min) / (y.axis.max - y.axis.min || 1)) * PLOT_H);
  const yTicks = y.axis.ticks.map(
    (v) => svg`<line class="grid" x1="0" x2=${PLOT_W} y1=${yAt(v)} y2=${yAt(v)}></line>
      <line class="tick" x1=${-TICK} x2="0" y1=${yAt(v)} y2=${yAt(v)}></line>
      <text class="tick-label" x=${-TICK - 3} y=${yAt(v)} text-anchor="end" dominant-baseline="middle">${y.format(v)}</text>`,
  );
  const xTicks = x.axis.ticks.map(
    // A label at the right end would hang past the chart if centred: it ends at its tick instead.
    (v) => svg`<line class="tick" x1=${xAt(v)} x2=${xAt(v)} y1=${PLOT_H} y2=${PLOT_H + TICK}></line>
      <text class="tick-label" x=${xAt(v)} y=${PLOT_H + TICK + 11} text-anchor=${xAt(v) > PLOT_W - 16 ? 'end' : 'middle'}>${x.format(v)}</text>`,
  );
  return html`<svg class="chart" width=${CHART_W} height=${CHART_H} viewBox="0 0 ${CHART_W} ${CHART_H}" role="img" aria-label=${label}>
    <g transform="translate(${MARGIN.left} ${MARGIN.top})">
      <rect class="plot-area" width=${PLOT_W} height=${PLOT_H}></rect>
      ${yTicks} ${xTicks}
      <line class="axis-line" x1="0" x2="0" y1="0" y2=${PLOT_H}></line>
      <line class="axis-line" x1="0" x2=${PLOT_W} y1=${PLOT_H} y2=${PLOT_H}></line>
      <text class="axis-name" x=${-MARGIN.left} y=${-10}>${y.name}</text>
      <text class="axis-name" x=${PLOT_W} y=${PLOT_H + MARGIN.bottom - 4} text-anchor="end">${x.name} →</text>
      ${curves}
    </g>
  </svg>`;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

import { css } from 'lit';
import { controlStyles } from '../../app-styles/shared-styles';

export const trainViewStyles = [
  controlStyles,
  css`
    :host {
      display: block;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: var(--cb-space-2);
      align-items: center;
      margin-bottom: var(--cb-space-2);
    }
    button:focus-visible {
      outline: 2px solid var(--cb-focus);
      outline-offset: 2px;
    }
    .primary {
      background: var(--cb-accent);
      border-color: var(--cb-accent);
      color: #fff;
    }
    .stale,
    .applied {
      padding: 2px 8px;
      border-radius: var(--cb-radius-small);
      background: var(--cb-warning-soft);
      color: var(--cb-text);
      font-size: var(--cb-font-size-small);
    }
    .applied {
      background: var(--cb-ok-soft);
      color: var(--cb-ok);
    }
    .message {
      padding: var(--cb-space-2);
      border-radius: var(--cb-radius-small);
      background: var(--cb-warning-soft);
      margin: var(--cb-space-2) 0;
    }
    /*
     * The 10×10 confusion matrix: on a phone its cells shrink (the container queries below) so all ten
     * columns fit; one that still cannot scrolls inside the cell, with a shadow on each side where columns
     * are out of sight (set by showScrollCue).
     */
    .scroll-frame {
      position: relative;
    }
    .scroll {
      max-width: 100%;
      overflow-x: auto;
      container-type: inline-size;
    }
    /* Focusable so a keyboard can scroll the columns a narrow card hides. */
    .scroll:focus-visible {
      outline: 2px solid var(--cb-focus);
      outline-offset: 2px;
    }
    .scroll-frame::before,
    .scroll-frame::after {
      content: '';
      position: absolute;
      top: 0;
      bottom: 0;
      width: 18px;
      pointer-events: none;
      opacity: 0;
      transition: opacity 0.15s;
    }
    .scroll-frame::before {
      left: 0;
      background: linear-gradient(to left, transparent, rgb(0 0 0 / 0.18));
    }
    .scroll-frame::after {
      right: 0;
      background: linear-gradient(to right, transparent, rgb(0 0 0 / 0.18));
    }
    .scroll-frame[data-more-left]::before,
    .scroll-frame[data-more-right]::after {
      opacity: 1;
    }
    .message.failed {
      background: var(--cb-error-soft, var(--cb-warning-soft));
      border-left: 3px solid var(--cb-error);
    }
    .progress {
      display: flex;
      align-items: center;
      gap: var(--cb-space-2);
      font-size: var(--cb-font-size-small);
      margin-bottom: var(--cb-space-2);
    }
    progress {
      width: 260px;
      height: 10px;
    }
    .figures {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(130px, 1fr));
      gap: var(--cb-space-2);
      margin: var(--cb-space-2) 0 var(--cb-space-3);
    }
    .figure {
      display: flex;
      flex-direction: column;
    }
    .figure .number {
      font-family: var(--cb-font-mono);
      font-size: 18px;
    }
    .figure .label,
    h4,
    .legend {
      font-size: 12px;
      color: var(--cb-text-muted);
    }
    h4 {
      margin: var(--cb-space-3) 0 var(--cb-space-1);
      font-weight: 600;
    }
    .charts {
      display: flex;
      flex-wrap: wrap;
      gap: var(--cb-space-4);
    }
    /* A chart's figure is as wide as its drawing (CHART_W), so its title wraps above it instead of stretching it. */
    .charts figure {
      margin: 0;
      max-width: 100%;
    }
    .charts figcaption h4 {
      margin-bottom: 0;
    }
    .charts figcaption .legend {
      display: block;
      margin-bottom: var(--cb-space-1);
    }
    .charts .swatch:first-child {
      margin-left: 0;
    }
    /* Drawn at its natural size; below it (a very narrow phone), scaled down whole rather than cut. */
    svg.chart {
      display: block;
      max-width: 100%;
      height: auto;
      overflow: visible;
    }
    .plot-area {
      fill: var(--cb-surface-sunken);
    }
    .grid {
      stroke: var(--cb-border);
    }
    .tick,
    .axis-line {
      stroke: var(--cb-border-strong);
    }
    .tick-label,
    .axis-name {
      font-family: var(--cb-font-mono);
      font-size: 11px;
      fill: var(--cb-text-muted);
    }
    .axis-name {
      font-family: var(--cb-font);
      font-size: 12px;
    }
    polyline {
      fill: none;
      stroke-width: 2;
      vector-effect: non-scaling-stroke;
    }
    .loss-line,
    .test-line {
      stroke: var(--cb-accent);
    }
    .train-line {
      stroke: var(--cb-warning);
      stroke-dasharray: 4 3;
    }
    .rate-line {
      stroke: var(--cb-text-muted);
      stroke-width: 1.5;
      stroke-dasharray: 2 3;
    }
    .swatch.dashed {
      height: 0;
      border-top: 2px dotted var(--cb-text-muted);
    }
    .swatch {
      display: inline-block;
      width: 14px;
      height: 3px;
      vertical-align: middle;
      margin: 0 4px 0 10px;
    }
    table {
      border-collapse: collapse;
      font-family: var(--cb-font-mono);
      font-size: 12px;
    }
    th,
    td {
      padding: 2px 5px;
      text-align: right;
    }
    .confusion {
      font-variant-numeric: tabular-nums;
    }
    .confusion td {
      min-width: 34px;
      border: 1px solid var(--cb-surface);
    }
    /* "said →" over "true ↓": which way the columns and the rows run, each on one line. */
    .confusion .corner span {
      display: block;
      white-space: nowrap;
    }
    .confusion .corner span:last-child {
      text-align: left;
    }
    @container (max-width: 440px) {
      .confusion td {
        min-width: 0;
      }
      .confusion th,
      .confusion td {
        padding: 2px 3px;
      }
    }
    @container (max-width: 340px) {
      .confusion {
        font-size: 11px;
      }
      .confusion th,
      .confusion td {
        padding: 1px 2px;
      }
    }
    .wrong {
      display: flex;
      flex-wrap: wrap;
      gap: var(--cb-space-2);
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .wrong li {
      display: flex;
      flex-direction: column;
      align-items: center;
      font-size: 12px;
    }
    canvas {
      width: 56px;
      height: 56px;
      image-rendering: pixelated;
      border: 1px solid var(--cb-border);
    }
  `,
];

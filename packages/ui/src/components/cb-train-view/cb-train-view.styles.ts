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
    .stale {
      padding: 2px 8px;
      border-radius: var(--cb-radius-small);
      background: var(--cb-warning-soft);
      color: var(--cb-text);
      font-size: var(--cb-font-size-small);
    }
    .message {
      padding: var(--cb-space-2);
      border-radius: var(--cb-radius-small);
      background: var(--cb-warning-soft);
      margin: var(--cb-space-2) 0;
    }
    /* A 10×10 matrix is wider than a phone: it scrolls inside the cell rather than spill out of it. */
    .scroll {
      max-width: 100%;
      overflow-x: auto;
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
    .axis,
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
    svg {
      display: block;
      background: var(--cb-surface-sunken);
      border: 1px solid var(--cb-border);
      border-radius: var(--cb-radius-small);
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
    .axis {
      display: flex;
      justify-content: space-between;
      font-family: var(--cb-font-mono);
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
    .confusion td {
      min-width: 34px;
      border: 1px solid var(--cb-surface);
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

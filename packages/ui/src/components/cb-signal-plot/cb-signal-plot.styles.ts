import { css } from 'lit';

export const signalPlotStyles = css`
  :host {
    display: block;
  }
  figure {
    margin: 0 0 var(--cb-space-2);
  }
  svg {
    display: block;
    background: var(--cb-surface-sunken);
    border: 1px solid var(--cb-border);
    border-radius: var(--cb-radius-small);
    cursor: crosshair;
  }
  polyline {
    fill: none;
    stroke: var(--cb-accent);
    stroke-width: 1.5;
    vector-effect: non-scaling-stroke;
  }
  line.zero {
    stroke: var(--cb-border-strong);
    stroke-dasharray: 3 3;
    vector-effect: non-scaling-stroke;
  }
  line.probe {
    stroke: var(--cb-text-muted);
    vector-effect: non-scaling-stroke;
  }
  figcaption {
    display: flex;
    justify-content: space-between;
    width: var(--plot-width, 480px);
    font-family: var(--cb-font-mono);
    font-size: 12px;
    color: var(--cb-text-muted);
  }
`;

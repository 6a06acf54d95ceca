import { css } from 'lit';

export const signalPlotStyles = css`
  :host {
    display: block;
  }
  /* The figure's width (the plot's FULL_WIDTH) is its widest; a narrower cell squeezes it to fit. */
  figure {
    max-width: 100%;
    margin: 0 0 var(--cb-space-2);
  }
  /* As wide as the figure, border included, so it never pokes past the cell's edge. */
  svg {
    display: block;
    box-sizing: border-box;
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
  /* Wraps rather than clips when a phone leaves too little room for both halves. */
  figcaption {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    column-gap: var(--cb-space-3);
    font-family: var(--cb-font-mono);
    font-size: 12px;
    color: var(--cb-text-muted);
  }
`;

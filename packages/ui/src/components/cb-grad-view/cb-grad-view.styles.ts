import { css } from 'lit';

export const gradViewStyles = css`
  :host {
    display: block;
  }
  section {
    margin-bottom: var(--cb-space-4);
  }
  h4 {
    margin: 0 0 var(--cb-space-1);
    font-size: 13px;
    font-weight: 600;
    color: var(--cb-text-muted);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-5);
    align-items: flex-start;
  }
  .explain {
    font-size: 13px;
    color: var(--cb-text-muted);
    max-width: 40em;
    margin: var(--cb-space-1) 0 var(--cb-space-2);
  }
  .bias {
    font-family: var(--cb-font-mono);
    font-size: 13px;
  }
  .progress {
    display: flex;
    align-items: center;
    gap: var(--cb-space-2);
    font-size: 13px;
    margin-bottom: var(--cb-space-2);
  }
  progress {
    width: 240px;
    height: 10px;
  }
  svg {
    display: block;
    background: var(--cb-surface-sunken);
    border: 1px solid var(--cb-border);
    border-radius: var(--cb-radius-small);
  }
  polyline {
    fill: none;
    stroke: var(--cb-accent);
    stroke-width: 2;
    vector-effect: non-scaling-stroke;
  }
  .axis {
    font-size: 11px;
    color: var(--cb-text-muted);
    font-family: var(--cb-font-mono);
    display: flex;
    justify-content: space-between;
    width: 320px;
  }

  .diverged {
    color: var(--cb-error);
    font-size: 13px;
    margin: 0 0 var(--cb-space-2);
  }
  button.apply {
    font: inherit;
    margin-top: var(--cb-space-2);
  }
`;

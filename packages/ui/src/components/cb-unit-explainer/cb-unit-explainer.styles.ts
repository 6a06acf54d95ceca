import { css } from 'lit';

export const unitExplainerStyles = css`
  :host {
    display: block;
    font-size: var(--cb-font-size-small);
  }
  .views {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-4);
    align-items: flex-start;
  }
  figure {
    margin: 0;
  }
  figcaption {
    color: var(--cb-text-muted);
    margin-bottom: var(--cb-space-1);
  }
  .plane {
    position: relative;
    outline-offset: 3px;
  }
  .plane:focus-visible {
    outline: 3px solid var(--cb-focus);
  }
  canvas {
    position: absolute;
    image-rendering: pixelated;
  }
  canvas.smooth {
    image-rendering: auto;
  }
  .frame {
    position: absolute;
    /* The padding is not part of the image: hatched, so it never passes for real pixels. */
    background: repeating-linear-gradient(
      45deg,
      var(--cb-surface-sunken) 0 4px,
      var(--cb-border) 4px 6px
    );
    border: 1px dashed var(--cb-border-strong);
  }
  .box {
    position: absolute;
    box-sizing: border-box;
    border: 3px solid var(--cb-highlight);
    box-shadow: 0 0 0 1px #000;
    pointer-events: none;
  }
  .tap {
    position: absolute;
    box-sizing: border-box;
    border: 2px solid var(--cb-accent);
    pointer-events: none;
  }
  .value-grid {
    position: absolute;
    inset: 0;
    display: grid;
    pointer-events: none;
    font-family: var(--cb-font-mono);
    font-size: 12px;
    font-variant-numeric: tabular-nums;
  }
  .value-grid span {
    display: flex;
    align-items: center;
    justify-content: center;
  }
  .value-grid .dark {
    color: #fff;
  }
  .value-grid .light {
    color: #111;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-2);
    align-items: center;
    margin: var(--cb-space-3) 0;
  }
  button[aria-disabled='true'] {
    opacity: 0.5;
    cursor: default;
  }
  .tables {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-2);
    align-items: center;
  }
  table.numbers {
    border-collapse: collapse;
    font-family: var(--cb-font-mono);
    font-variant-numeric: tabular-nums;
  }
  table.numbers caption {
    font-family: var(--cb-font);
    color: var(--cb-text-muted);
    text-align: left;
    white-space: nowrap;
    padding-bottom: 2px;
  }
  table.numbers td {
    border: 1px solid var(--cb-border);
    padding: 2px 6px;
    text-align: right;
    min-width: 3.2em;
  }
  td.pad {
    background: var(--cb-surface-sunken);
    color: var(--cb-text-muted);
    border-style: dashed;
    font-style: italic;
  }
  td.chosen {
    background: var(--cb-warning-soft);
    font-weight: 600;
    outline: 2px solid var(--cb-highlight);
  }
  .op {
    font-size: 18px;
    color: var(--cb-text-muted);
  }
  .channel-name {
    margin: var(--cb-space-2) 0 var(--cb-space-1);
    font-weight: 600;
  }
  .formula,
  .subtotal,
  .result,
  .note {
    margin: var(--cb-space-1) 0;
    overflow-wrap: anywhere;
  }
  .result strong {
    font-size: var(--cb-font-size);
  }
  .note,
  .check {
    color: var(--cb-text-muted);
  }
  .reason {
    color: var(--cb-text-muted);
    font-style: italic;
  }
`;

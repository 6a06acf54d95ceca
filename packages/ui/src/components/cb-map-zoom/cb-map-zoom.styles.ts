import { css } from 'lit';

export const mapZoomStyles = css`
  dialog {
    max-width: calc(100vw - 16px);
    max-height: calc(100vh - 16px);
    padding: var(--cb-space-4);
    border: 1px solid var(--cb-border-strong);
    border-radius: var(--cb-radius);
    background: var(--cb-surface);
    color: var(--cb-text);
    box-shadow: var(--cb-shadow);
  }
  dialog::backdrop {
    background: rgba(10, 15, 25, 0.55);
  }
  header {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--cb-space-4);
    margin-bottom: var(--cb-space-3);
  }
  h2 {
    margin: 0;
    font-size: var(--cb-font-size);
  }
  .key {
    font-family: var(--cb-font-mono);
    font-size: 11px;
    border: 1px solid var(--cb-border);
    border-radius: 3px;
    padding: 0 4px;
    color: var(--cb-text-muted);
  }
  .planes {
    display: flex;
    flex-wrap: wrap;
    gap: 24px;
    align-items: flex-start;
  }
  figure {
    margin: 0;
  }
  figcaption {
    margin-bottom: var(--cb-space-1);
    color: var(--cb-text-muted);
    font-size: var(--cb-font-size-small);
  }
  .plane {
    position: relative;
  }
  canvas {
    display: block;
    image-rendering: pixelated;
  }
  canvas.smooth {
    image-rendering: auto;
  }
  .numbers {
    position: absolute;
    inset: 0;
    display: grid;
    pointer-events: none;
    font-family: var(--cb-font-mono);
    font-variant-numeric: tabular-nums;
  }
  .numbers span {
    display: flex;
    align-items: center;
    justify-content: center;
    overflow: hidden;
  }
  .numbers .dark {
    color: #fff;
  }
  .numbers .light {
    color: #111;
  }
  .legend {
    display: grid;
    grid-template-columns: auto auto auto;
    justify-content: space-between;
    max-width: 240px;
    margin-top: var(--cb-space-2);
    font-size: var(--cb-font-size-small);
  }
  .legend .bar {
    grid-column: 1 / -1;
    height: 8px;
    border: 1px solid var(--cb-border);
  }
  .legend .bar.diverging {
    background: linear-gradient(to right, rgb(33, 102, 172), rgb(247, 247, 247), rgb(178, 24, 43));
  }
  .legend .bar.gray {
    background: linear-gradient(to right, #000, #fff);
  }
`;

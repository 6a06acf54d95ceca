import { css } from 'lit';
import { modalDialogStyles } from '../../app-styles/modal-dialog-styles';

export const mapZoomStyles = [
  modalDialogStyles,
  css`
  dialog {
    max-width: calc(100vw - 16px);
    padding: var(--cb-space-4);
  }
  header {
    margin-bottom: var(--cb-space-3);
  }
  h2 {
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
`,
];

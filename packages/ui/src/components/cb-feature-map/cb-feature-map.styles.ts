import { css } from 'lit';

export const featureMapStyles = css`
  :host {
    display: block;
  }
  .tiles {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-3);
    align-items: flex-start;
  }
  figure {
    margin: 0;
    display: flex;
    flex-direction: column;
    gap: 2px;
    /* May shrink below its tile's nominal width, down to the row's width (see tileSizes). */
    min-width: 0;
    max-width: 100%;
  }
  figcaption {
    font-size: 12px;
    color: var(--cb-text-muted);
    font-variant-numeric: tabular-nums;
  }
  .tile {
    position: relative;
    max-width: 100%;
    line-height: 0;
    border: 1px solid var(--cb-border);
    background: var(--cb-surface-sunken);
  }
  canvas {
    image-rendering: pixelated;
    image-rendering: crisp-edges;
    display: block;
    width: 100%;
    height: auto;
    cursor: crosshair;
  }
  canvas.smooth {
    image-rendering: auto;
  }
  canvas:focus-visible {
    outline: 2px solid var(--cb-focus);
    outline-offset: 2px;
  }
  .box {
    position: absolute;
    pointer-events: none;
    box-sizing: border-box;
    border: 2px solid var(--cb-highlight);
    box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.55);
  }
  .box.probe {
    border-color: #111;
    box-shadow: 0 0 0 1px #fff;
  }
  .tooltip {
    position: absolute;
    z-index: 2;
    pointer-events: none;
    white-space: nowrap;
    line-height: 1.3;
    padding: 3px 6px;
    border-radius: var(--cb-radius-small);
    background: rgba(20, 24, 32, 0.92);
    color: #fff;
    font-family: var(--cb-font-mono);
    font-size: 12px;
    transform: translate(-50%, calc(-100% - 6px));
  }
  .legend {
    margin-top: var(--cb-space-2);
    display: grid;
    grid-template-columns: auto 1fr auto;
    grid-template-rows: auto auto;
    column-gap: var(--cb-space-2);
    min-width: 160px;
    max-width: 320px;
    font-size: 12px;
    font-family: var(--cb-font-mono);
    color: var(--cb-text-muted);
  }
  .legend .bar {
    grid-column: 1 / 4;
    height: 10px;
    border-radius: 2px;
    border: 1px solid var(--cb-border);
  }
  .legend .bar.diverging {
    background: linear-gradient(to right, rgb(33, 102, 172), rgb(247, 247, 247), rgb(178, 24, 43));
  }
  .legend .bar.gray {
    background: linear-gradient(to right, #000, #fff);
  }
  .legend .zero {
    text-align: center;
  }
  .legend .max {
    text-align: right;
  }
  .index-axis {
    position: relative;
    max-width: 100%;
    height: 14px;
    font-size: 11px;
    line-height: 14px;
    font-family: var(--cb-font-mono);
    color: var(--cb-text-muted);
  }
  .index-axis span {
    position: absolute;
    transform: translateX(-50%);
  }
  .legend-flat {
    margin: var(--cb-space-2) 0 0;
    display: flex;
    align-items: center;
    gap: var(--cb-space-2);
    font-size: 12px;
    font-family: var(--cb-font-mono);
    color: var(--cb-text-muted);
  }
  .flat-swatch {
    width: 14px;
    height: 14px;
    border: 1px solid var(--cb-border);
    border-radius: 2px;
  }
  .note {
    font-size: 12px;
    color: var(--cb-text-muted);
  }
  .nan {
    color: #b0009c;
  }
  .swatch {
    display: inline-block;
    width: 10px;
    height: 10px;
    background: #f0f;
    vertical-align: middle;
  }
`;

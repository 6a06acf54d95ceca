import { css } from 'lit';

export const matrixStyles = css`
  :host {
    display: inline-block;
  }
  .planes {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-4);
  }
  table {
    border-collapse: collapse;
    font-family: var(--cb-font-mono);
    font-variant-numeric: tabular-nums;
    font-size: 13px;
  }
  caption {
    caption-side: top;
    text-align: left;
    font-family: var(--cb-font);
    font-size: 12px;
    color: var(--cb-text-muted);
    padding-bottom: 2px;
  }
  td {
    min-width: 3.2em;
    padding: 3px 6px;
    text-align: right;
    border: 1px solid var(--cb-border);
  }
  td.negative {
    color: var(--cb-negative);
  }
  td.nan {
    color: #b0009c;
    font-weight: 600;
  }
`;

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
  .caption {
    font-size: 12px;
    color: var(--cb-text-muted);
    margin-bottom: 2px;
  }
  .grid {
    display: grid;
    gap: 2px;
  }
  /* Pixel inputs as a compact grid: no spinners (arrow keys still step), numbers right-aligned. */
  .grid input {
    width: 4.2em;
    padding: 3px 4px;
    text-align: right;
    appearance: textfield;
    -moz-appearance: textfield;
  }
  .grid input::-webkit-inner-spin-button,
  .grid input::-webkit-outer-spin-button {
    -webkit-appearance: none;
    margin: 0;
  }
  .grid input.negative {
    color: var(--cb-negative);
  }
  summary {
    cursor: pointer;
    font-size: 12px;
    color: var(--cb-text-muted);
    padding: 2px 0;
  }
  details[open] summary {
    margin-bottom: var(--cb-space-1);
  }
  .hint {
    font-size: 12px;
    color: var(--cb-text-muted);
    margin: var(--cb-space-1) 0 0;
    max-width: 22em;
  }
  td.nan {
    color: #b0009c;
    font-weight: 600;
  }
  .refusal {
    font-size: 13px;
    color: var(--cb-error);
    margin: var(--cb-space-2) 0 0;
  }
`;

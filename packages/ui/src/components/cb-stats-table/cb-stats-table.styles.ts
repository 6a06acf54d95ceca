import { css } from 'lit';
import { scrollCue } from '../../app-styles/scroll-cue-styles';

export const statsTableStyles = css`
  :host {
    display: block;
    max-width: 100%;
  }
  /* Each table scrolls on its own when the card is narrower, with a shadow at the edge that hides more. */
  .scroller {
    ${scrollCue}
  }
  .scroller:focus-visible {
    outline: 2px solid var(--cb-focus, #1a73e8);
    outline-offset: 2px;
  }
  table {
    border-collapse: collapse;
    font-size: 13px;
    min-width: 100%;
  }
  th,
  td {
    padding: 5px 8px;
    border-bottom: 1px solid var(--cb-border);
    text-align: right;
    white-space: nowrap;
  }
  th:first-child,
  td:first-child {
    text-align: left;
  }
  /* Two-word headings wrap, so the table fits a cell at 1280 px and scrolls only when narrow. */
  thead th {
    white-space: normal;
    font-weight: 600;
    color: var(--cb-text-muted);
    vertical-align: bottom;
  }
  td {
    font-variant-numeric: tabular-nums;
  }
  tfoot td {
    font-weight: 600;
    border-top: 2px solid var(--cb-border-strong);
  }
  .kind {
    color: var(--cb-text-muted);
    font-size: 12px;
  }
  tr.input td {
    color: var(--cb-text-muted);
  }
  tfoot tr.compare td {
    font-weight: 400;
    border-top: 1px dashed var(--cb-border-strong);
  }
  .scroller + .explain + .scroller {
    margin-top: var(--cb-space-3);
  }
  .explain {
    font-size: 12px;
    color: var(--cb-text-muted);
    margin: var(--cb-space-2) 0 0;
    max-width: 48em;
  }
`;

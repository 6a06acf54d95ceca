import { css } from 'lit';

export const lossViewStyles = css`
  :host {
    display: block;
  }
  .loss {
    display: flex;
    align-items: baseline;
    gap: var(--cb-space-2);
    margin-bottom: var(--cb-space-3);
  }
  .loss .number {
    font-size: 1.6rem;
    font-weight: 600;
    font-family: var(--cb-font-mono);
    font-variant-numeric: tabular-nums;
  }
  .maps {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-5);
  }
  /* A map wider than the card (the 10-class gradient strip at phone width) shrinks to fit it. */
  .maps > div {
    min-width: 0;
    max-width: 100%;
  }
  h4 {
    margin: 0 0 var(--cb-space-1);
    font-size: 13px;
    font-weight: 600;
    color: var(--cb-text-muted);
  }
  .label {
    color: var(--cb-text-muted);
  }
`;

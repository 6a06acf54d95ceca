import { css } from 'lit';

export const kernelShapeStyles = css`
  :host {
    display: block;
  }
  fieldset {
    border: 1px solid var(--cb-border);
    border-radius: var(--cb-radius-small);
    padding: var(--cb-space-2) var(--cb-space-3) var(--cb-space-3);
    margin: 0;
  }
  legend {
    font-size: var(--cb-font-size-small);
    color: var(--cb-text-muted);
    padding: 0 var(--cb-space-1);
  }
  .now {
    font-family: var(--cb-font-mono);
    font-variant-numeric: tabular-nums;
    color: var(--cb-text);
  }
  .fields {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-2) var(--cb-space-3);
    align-items: start;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 2px;
    max-width: 14em;
  }
  input[type='number'] {
    width: 5em;
    height: 28px;
  }
  select {
    height: 28px;
  }
  .invalid input {
    border-color: var(--cb-error);
    background: var(--cb-error-soft);
  }
  .error {
    color: var(--cb-error);
    font-size: var(--cb-font-size-small);
  }
  .hint {
    margin: var(--cb-space-2) 0 0;
    font-size: var(--cb-font-size-small);
    color: var(--cb-text-muted);
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-2);
    align-items: center;
  }
`;

import { css } from 'lit';

/**
 * Styles every component shares: buttons, inputs, focus rings, visually hidden text. Components add this
 * to their `static styles` so controls look the same in every shadow root.
 */
export const controlStyles = css`
  :host {
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button,
  select,
  input,
  textarea {
    font: inherit;
    font-size: var(--cb-font-size-small);
    color: var(--cb-text);
  }
  button {
    display: inline-flex;
    align-items: center;
    gap: var(--cb-space-1);
    padding: 5px 10px;
    border: 1px solid var(--cb-border);
    border-radius: var(--cb-radius-small);
    background: var(--cb-surface);
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    border-color: var(--cb-border-strong);
    background: var(--cb-surface-sunken);
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button.primary {
    background: var(--cb-accent);
    border-color: var(--cb-accent);
    color: var(--cb-accent-text);
  }
  button.quiet {
    border-color: transparent;
    background: transparent;
  }
  select,
  input[type='number'],
  input[type='text'],
  textarea {
    padding: 4px 6px;
    border: 1px solid var(--cb-border);
    border-radius: var(--cb-radius-small);
    background: var(--cb-surface);
  }
  input[type='number'] {
    font-family: var(--cb-font-mono);
    font-variant-numeric: tabular-nums;
  }
  :focus-visible {
    outline: 2px solid var(--cb-focus);
    outline-offset: 1px;
  }
  label {
    font-size: var(--cb-font-size-small);
    color: var(--cb-text-muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .mono {
    font-family: var(--cb-font-mono);
    font-variant-numeric: tabular-nums;
  }
`;

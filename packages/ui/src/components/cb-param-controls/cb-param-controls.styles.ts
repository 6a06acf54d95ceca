import { css } from 'lit';

export const paramControlsStyles = css`
  :host {
    display: block;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-3) var(--cb-space-4);
    align-items: end;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .field.check {
    flex-direction: row;
    align-items: center;
    gap: var(--cb-space-1);
  }
  .pair {
    display: flex;
    gap: var(--cb-space-1);
  }
  input[type='number'] {
    width: 5.5em;
  }
  code {
    font-family: var(--cb-font-mono);
    font-size: 12px;
    color: var(--cb-text-muted);
  }
`;

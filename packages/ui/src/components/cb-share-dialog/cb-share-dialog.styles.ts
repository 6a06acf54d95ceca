import { css } from 'lit';

export const shareDialogStyles = css`
  :host {
    display: block;
  }
  section {
    display: grid;
    gap: var(--cb-space-2);
    padding: var(--cb-space-3);
    border: 1px solid var(--cb-border);
    border-radius: var(--cb-radius);
    background: var(--cb-surface);
    box-shadow: var(--cb-shadow);
  }
  h2 {
    flex: 1;
    margin: 0;
    font-size: var(--cb-font-size);
  }
  p {
    margin: 0;
  }
  .row {
    display: flex;
    gap: var(--cb-space-2);
  }
  input[type='text'] {
    flex: 1;
    min-width: 0;
    font-family: var(--cb-font-mono);
  }
  .hint {
    font-size: var(--cb-font-size-small);
    color: var(--cb-text-muted);
  }
`;

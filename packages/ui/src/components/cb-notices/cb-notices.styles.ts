import { css } from 'lit';

export const noticesStyles = css`
  :host {
    display: grid;
    gap: var(--cb-space-2);
  }
  .notice {
    display: flex;
    align-items: center;
    gap: var(--cb-space-2);
    padding: var(--cb-space-2) var(--cb-space-3);
    border-radius: var(--cb-radius-small);
    border: 1px solid var(--cb-border);
    background: var(--cb-surface);
    box-shadow: var(--cb-shadow);
  }
  .notice.error {
    border-color: var(--cb-error);
    background: var(--cb-error-soft);
  }
  .notice.info {
    border-color: var(--cb-border-strong);
  }
  .message {
    flex: 1;
  }
`;

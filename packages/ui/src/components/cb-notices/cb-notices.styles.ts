import { css } from 'lit';

/** A stack of notes; where it sits on the page is the host's choice (cb-app floats it at the bottom). */
export const noticesStyles = css`
  :host {
    display: grid;
    gap: var(--cb-space-2);
  }
  .notice {
    display: flex;
    align-items: flex-start;
    gap: var(--cb-space-2);
    padding: var(--cb-space-2) var(--cb-space-3);
    border-radius: var(--cb-radius-small);
    border: 1px solid var(--cb-border);
    background: var(--cb-surface);
    box-shadow: var(--cb-shadow);
    font-size: 14px;
  }
  .notice.error {
    border-color: var(--cb-error);
    background: var(--cb-error-soft);
    color: var(--cb-error);
  }
  .notice.info {
    border-color: var(--cb-border-strong);
  }
  .message {
    flex: 1;
    align-self: center;
  }
  .message p {
    margin: 0;
    white-space: pre-wrap;
  }
  .message ul {
    margin: var(--cb-space-1) 0 0;
    padding-left: var(--cb-space-5);
    font-family: var(--cb-font-mono);
    font-size: 12px;
  }
`;

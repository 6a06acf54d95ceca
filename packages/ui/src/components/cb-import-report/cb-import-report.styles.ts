import { css } from 'lit';

export const importReportStyles = css`
  :host {
    display: block;
  }
  section {
    padding: var(--cb-space-3);
    border: 1px solid var(--cb-error);
    border-radius: var(--cb-radius);
    background: var(--cb-error-soft);
  }
  header {
    display: flex;
    align-items: baseline;
    gap: var(--cb-space-2);
  }
  h2 {
    flex: 1;
    margin: 0;
    font-size: var(--cb-font-size);
    color: var(--cb-error);
  }
  p {
    margin: var(--cb-space-2) 0;
  }
  ol {
    margin: 0;
    padding-left: var(--cb-space-5);
    max-height: 40vh;
    overflow: auto;
  }
  code {
    font-family: var(--cb-font-mono);
    font-size: var(--cb-font-size-small);
  }
`;

import { css } from 'lit';

export const noteStyles = css`
  :host {
    display: block;
    color: var(--cb-text);
    line-height: 1.6;
  }
  h2,
  h3,
  h4 {
    margin: var(--cb-space-3) 0 var(--cb-space-2);
    line-height: 1.25;
  }
  h2 {
    font-size: 1.35rem;
  }
  h3 {
    font-size: 1.15rem;
  }
  h4 {
    font-size: 1rem;
  }
  p,
  ul,
  ol {
    margin: 0 0 var(--cb-space-2);
  }
  code {
    font-family: var(--cb-font-mono);
    font-size: 0.9em;
    background: var(--cb-surface-sunken);
    padding: 1px 4px;
    border-radius: var(--cb-radius-small);
  }
  pre {
    background: var(--cb-surface-sunken);
    padding: var(--cb-space-2) var(--cb-space-3);
    border-radius: var(--cb-radius-small);
    overflow-x: auto;
  }
  pre code {
    padding: 0;
    background: none;
  }
  a {
    color: var(--cb-accent);
  }
  textarea {
    width: 100%;
    min-height: 8em;
    font-family: var(--cb-font-mono);
    font-size: var(--cb-font-size-small);
    padding: var(--cb-space-2);
    border: 1px solid var(--cb-border);
    border-radius: var(--cb-radius-small);
    background: var(--cb-surface);
    color: var(--cb-text);
    resize: vertical;
  }
  .toolbar {
    display: flex;
    justify-content: flex-end;
  }
  .reading {
    position: relative;
  }
  /*
   * In the flow, under the text, always readable: laid over the text it hid the end of the last line;
   * below the text the card clipped it; faded, it failed contrast.
   */
  .reading .toolbar {
    margin-top: var(--cb-space-1);
  }
  .empty {
    color: var(--cb-text-muted);
    font-style: italic;
  }
`;

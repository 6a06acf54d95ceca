import { css } from 'lit';

export const notebookListStyles = css`
  :host {
    display: block;
  }
  h2 {
    margin: 0;
    font-size: var(--cb-font-size);
  }
  .saving {
    margin: var(--cb-space-1) 0 var(--cb-space-3);
    min-height: 1em;
    font-size: var(--cb-font-size-small);
    color: var(--cb-text-muted);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--cb-space-1);
  }
  /* Rows stack (title, then actions) so the list fits a narrow side panel without scrolling sideways. */
  li {
    display: grid;
    gap: var(--cb-space-1);
    min-width: 0;
    padding: var(--cb-space-2);
    border: 1px solid var(--cb-border);
    border-radius: var(--cb-radius-small);
    background: var(--cb-surface);
  }
  li[aria-current='true'] {
    border-color: var(--cb-accent);
    background: var(--cb-accent-soft);
  }
  li.damaged {
    border-color: var(--cb-error);
    background: var(--cb-error-soft);
  }
  .open {
    justify-content: flex-start;
    text-align: left;
    border: none;
    background: transparent;
    padding: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .when,
  .reason {
    display: block;
    font-size: var(--cb-font-size-small);
    color: var(--cb-text-muted);
  }
  .reason {
    color: var(--cb-error);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-1);
  }
  .actions button {
    padding: 2px 8px;
  }
  .empty {
    color: var(--cb-text-muted);
  }
  form {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-1);
  }
  form input {
    flex: 1 1 100%;
    min-width: 0;
  }
`;

import { css } from 'lit';

export const notebookListStyles = css`
  :host {
    display: block;
  }
  h2 {
    margin: 0 0 var(--cb-space-3);
    font-size: var(--cb-font-size);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--cb-space-1);
  }
  li {
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: center;
    gap: var(--cb-space-2);
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
    gap: var(--cb-space-1);
  }
  .empty {
    color: var(--cb-text-muted);
  }
  form {
    display: flex;
    gap: var(--cb-space-1);
  }
`;

import { css } from 'lit';

export const notebookStyles = css`
  :host {
    display: block;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--cb-space-4);
  }
  .empty {
    text-align: center;
    padding: var(--cb-space-6);
    color: var(--cb-text-muted);
    border: 2px dashed var(--cb-border);
    border-radius: var(--cb-radius);
  }
  :host > cb-add-cell {
    margin-top: var(--cb-space-4);
  }
  /* The insert line sits in the gap between two cells. */
  li > cb-add-cell {
    margin: 0 0 calc(-1 * var(--cb-space-4));
  }
`;

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
  /*
   * Cells out of view are skipped by style, layout and paint: every frame otherwise walks and repaints the
   * whole (long) notebook, which made each edit's frames cost ~10 ms. The remembered size (auto) keeps the
   * scrollbar steady once a cell has been seen; canvases still draw and read back while skipped.
   */
  li > cb-cell {
    content-visibility: auto;
    contain-intrinsic-size: auto 360px;
  }
  /* Containment clips what overflows the cell: not while its menu (or anything in it) is in use. */
  li > cb-cell:focus-within {
    content-visibility: visible;
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

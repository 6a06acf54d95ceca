import { css } from 'lit';

export const appStyles = css`
  :host {
    display: block;
    min-height: 100vh;
  }
  header.top {
    position: sticky;
    top: 0;
    z-index: 10;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--cb-space-3);
    padding: var(--cb-space-2) var(--cb-space-4);
    background: var(--cb-surface);
    border-bottom: 1px solid var(--cb-border);
  }
  /* On a phone the wrapped toolbar is three rows tall: pinned, it would hide a third of every cell. */
  @media (max-width: 600px) {
    header.top {
      position: static;
    }
  }
  .brand {
    font-weight: 700;
    font-size: 16px;
    letter-spacing: 0.01em;
    color: var(--cb-accent);
    white-space: nowrap;
  }
  /* A long notebook title wraps onto a second line beside the toolbar instead of being cut. */
  header.top > .title-field {
    flex: 1 1 240px;
    min-width: 160px;
    font-size: 18px;
    font-weight: 600;
    line-height: 1.3;
    --title-field-padding: 4px 6px;
  }
  nav {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-1);
  }
  .layout {
    display: flex;
    align-items: flex-start;
  }
  aside {
    flex: 0 0 280px;
    position: sticky;
    top: var(--cb-app-bar-height, 56px);
    max-height: calc(100vh - var(--cb-app-bar-height, 56px));
    overflow: auto;
    border-right: 1px solid var(--cb-border);
    background: var(--cb-surface);
    padding: var(--cb-space-3);
  }
  main {
    flex: 1;
    min-width: 0;
    padding: var(--cb-space-4);
  }
  .column {
    max-width: var(--cb-column-width);
    margin: 0 auto;
  }
  /* The notices float at the bottom, above the cells, so they are seen wherever the page is scrolled. */
  cb-notices {
    position: fixed;
    bottom: var(--cb-space-4);
    left: 50%;
    transform: translateX(-50%);
    z-index: 20;
    width: min(560px, calc(100vw - 2 * var(--cb-space-4)));
    max-height: 45vh;
    overflow: auto;
  }
  dialog {
    width: min(880px, 92vw);
    border: 1px solid var(--cb-border);
    border-radius: var(--cb-radius);
    padding: var(--cb-space-4);
    background: var(--cb-bg);
    color: var(--cb-text);
  }
  dialog::backdrop {
    background: rgba(10, 15, 25, 0.45);
  }
  dialog header {
    display: flex;
    justify-content: space-between;
    align-items: center;
    margin-bottom: var(--cb-space-3);
  }
  dialog h2 {
    margin: 0;
    font-size: 18px;
  }
  .loading {
    text-align: center;
    color: var(--cb-text-muted);
    padding: var(--cb-space-6);
  }
`;

import { css } from 'lit';

/** The frame every modal dialog of the app shares (the map zoom, the shortcuts sheet): a card over a dimmed page. */
export const modalDialogStyles = css`
  dialog {
    max-height: calc(100vh - 16px);
    border: 1px solid var(--cb-border-strong);
    border-radius: var(--cb-radius);
    background: var(--cb-surface);
    color: var(--cb-text);
    box-shadow: var(--cb-shadow);
  }
  dialog::backdrop {
    background: rgba(10, 15, 25, 0.55);
  }
  header {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--cb-space-4);
  }
  h2 {
    margin: 0;
  }
`;

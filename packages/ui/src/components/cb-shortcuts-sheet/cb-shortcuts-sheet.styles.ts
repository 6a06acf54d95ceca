import { css } from 'lit';
import { modalDialogStyles } from '../../app-styles/modal-dialog-styles';

export const shortcutsSheetStyles = [
  modalDialogStyles,
  css`
  dialog {
    width: min(760px, calc(100vw - 16px));
    padding: var(--cb-space-4) var(--cb-space-5);
  }
  h2 {
    font-size: 18px;
  }
  .groups {
    columns: 2 300px;
    column-gap: var(--cb-space-5);
  }
  section {
    break-inside: avoid;
    margin-top: var(--cb-space-4);
  }
  h3 {
    margin: 0 0 var(--cb-space-2);
    font-size: var(--cb-font-size-small);
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--cb-text-muted);
  }
  dl {
    margin: 0;
  }
  .row {
    display: grid;
    grid-template-columns: minmax(9em, auto) 1fr;
    gap: var(--cb-space-3);
    padding: 3px 0;
    border-bottom: 1px solid var(--cb-border);
    font-size: var(--cb-font-size-small);
  }
  .combo {
    white-space: nowrap;
  }
  dd {
    margin: 0;
  }
  kbd {
    display: inline-block;
    min-width: 1.6em;
    padding: 0 5px;
    border: 1px solid var(--cb-border-strong);
    border-bottom-width: 2px;
    border-radius: 4px;
    background: var(--cb-surface-sunken);
    font-family: var(--cb-font-mono);
    font-size: 12px;
    text-align: center;
  }
  .or {
    margin: 0 4px;
    color: var(--cb-text-muted);
  }
`,
];

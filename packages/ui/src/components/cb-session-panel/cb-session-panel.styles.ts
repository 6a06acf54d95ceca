import { css } from 'lit';

/** Floats above the page: notices at the bottom, the share panel and import report at the top right. */
export const sessionPanelStyles = css`
  :host {
    position: fixed;
    inset: auto 0 0 0;
    z-index: 20;
    pointer-events: none;
  }
  .top {
    position: fixed;
    top: 64px;
    right: var(--cb-space-4);
    width: min(480px, calc(100vw - 2 * var(--cb-space-4)));
    display: grid;
    gap: var(--cb-space-2);
    pointer-events: auto;
  }
  cb-notices {
    width: min(560px, calc(100vw - 2 * var(--cb-space-4)));
    margin: 0 auto var(--cb-space-4);
    pointer-events: auto;
  }
`;

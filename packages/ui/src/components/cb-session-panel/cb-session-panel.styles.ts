import { css } from 'lit';

/** Floats above the page: the share panel and import report at the top right. */
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
`;

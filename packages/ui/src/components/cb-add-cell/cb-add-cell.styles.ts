import { css } from 'lit';

export const addCellStyles = css`
  :host {
    display: block;
  }
  .toggle {
    width: 100%;
    justify-content: center;
    padding: var(--cb-space-2);
    border-style: dashed;
    color: var(--cb-text-muted);
  }
  :host([compact]) .toggle {
    padding: 0;
    height: 16px;
    border: none;
    background: transparent;
    opacity: 0;
    font-weight: 700;
    color: var(--cb-accent);
  }
  :host([compact]) .toggle:hover,
  :host([compact]) .toggle:focus-visible,
  :host([compact]) .toggle[aria-expanded='true'] {
    opacity: 1;
    background: var(--cb-accent-soft);
  }
  .menu {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
    gap: var(--cb-space-2);
    margin-top: var(--cb-space-2);
    padding: var(--cb-space-3);
    background: var(--cb-surface);
    border: 1px solid var(--cb-border);
    border-radius: var(--cb-radius);
    box-shadow: var(--cb-shadow);
  }
  .menu button {
    flex-direction: column;
    align-items: flex-start;
    text-align: left;
    gap: 2px;
    padding: var(--cb-space-2) var(--cb-space-3);
  }
  .menu strong {
    font-size: 14px;
  }
  .menu span {
    font-size: 12px;
    color: var(--cb-text-muted);
  }
`;

import { css } from 'lit';

export const examplesStyles = css`
  :host {
    display: block;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
    gap: var(--cb-space-3);
  }
  button {
    width: 100%;
    height: 100%;
    flex-direction: column;
    align-items: flex-start;
    text-align: left;
    gap: var(--cb-space-1);
    padding: var(--cb-space-3);
    border-radius: var(--cb-radius);
  }
  strong {
    font-size: 15px;
  }
  span {
    font-size: 13px;
    color: var(--cb-text-muted);
    line-height: 1.4;
  }
  .empty {
    color: var(--cb-text-muted);
  }
`;

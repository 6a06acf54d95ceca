import { css } from 'lit';

export const imageEditorStyles = css`
  :host {
    display: block;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-3);
    align-items: end;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .field input[type='number'] {
    width: 5.5em;
  }
  .drop {
    border: 2px dashed var(--cb-border);
    border-radius: var(--cb-radius);
    padding: var(--cb-space-2) var(--cb-space-3);
    color: var(--cb-text-muted);
    font-size: 13px;
    display: flex;
    align-items: center;
    gap: var(--cb-space-2);
  }
  .drop.over {
    border-color: var(--cb-accent);
    background: var(--cb-accent-soft);
  }
  .literal {
    margin-top: var(--cb-space-3);
  }
  .caption {
    font-size: 12px;
    color: var(--cb-text-muted);
    margin-bottom: 2px;
  }
  .transforms {
    margin-top: var(--cb-space-3);
    display: flex;
    flex-direction: column;
    gap: var(--cb-space-2);
  }
  .transform {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-2);
    align-items: center;
    font-size: 13px;
  }
  .transform input[type='number'] {
    width: 4.5em;
  }
  .transform .op {
    font-weight: 600;
    min-width: 6em;
  }
  .note {
    font-size: 13px;
    margin: var(--cb-space-2) 0 0;
    padding: var(--cb-space-1) var(--cb-space-2);
    border-radius: var(--cb-radius-small);
    background: var(--cb-warning-soft);
    color: var(--cb-warning);
  }
  .error {
    font-size: 13px;
    margin: var(--cb-space-2) 0 0;
    color: var(--cb-error);
  }
  input.short {
    width: 6em;
  }
  input[type='file'] {
    display: none;
  }

  .reading {
    display: flex;
    align-items: center;
    gap: var(--cb-space-2);
  }
  .spinner {
    width: 12px;
    height: 12px;
    border: 2px solid var(--cb-border-strong);
    border-top-color: var(--cb-accent);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
`;

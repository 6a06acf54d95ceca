import { css } from 'lit';

export const paramControlsStyles = css`
  :host {
    display: block;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-3) var(--cb-space-4);
    align-items: end;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .field.check {
    flex-direction: row;
    align-items: center;
    gap: var(--cb-space-1);
  }
  .pair {
    display: flex;
    gap: var(--cb-space-1);
  }
  /* Wide enough for 0.0001 or 65536 beside the spinner. */
  input[type='number'] {
    width: 7em;
  }
  /* Same height for inputs and selects, so a row of mixed controls lines up label for label. */
  input[type='number'],
  select {
    height: 28px;
  }
  /* An absent parameter shows its default as a placeholder that reads like a value, tagged "default". */
  input::placeholder {
    color: var(--cb-text);
    opacity: 0.6;
  }
  .default {
    font-size: 11px;
    color: var(--cb-text-muted);
    font-style: italic;
  }
  fieldset.parts {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-2);
    align-items: end;
    margin: 0;
    padding: 0 var(--cb-space-2) var(--cb-space-2);
    border: 1px solid var(--cb-border);
    border-radius: var(--cb-radius-small);
  }
  fieldset.parts legend,
  .label {
    font-size: var(--cb-font-size-small);
    color: var(--cb-text-muted);
    padding: 0 2px;
  }
  fieldset.classes {
    gap: var(--cb-space-1) var(--cb-space-2);
    align-items: center;
  }
  label.digit {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    font-family: var(--cb-font-mono);
  }
  fieldset.parts input[type='number'] {
    width: 5.5em;
  }
  code {
    font-family: var(--cb-font-mono);
    font-size: 12px;
    color: var(--cb-text-muted);
  }
  .refusal {
    font-size: 13px;
    color: var(--cb-error);
    margin: var(--cb-space-2) 0 0;
  }

  [aria-invalid='true'] {
    border-color: var(--cb-error);
    outline: 2px solid var(--cb-error);
    outline-offset: 0;
  }
  fieldset.unset input::placeholder {
    color: var(--cb-text-muted);
  }
`;

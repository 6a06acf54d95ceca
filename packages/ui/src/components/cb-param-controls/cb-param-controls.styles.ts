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
  /* A field never pushes out of a narrow card: a select of long cell names shrinks to the card instead. */
  .field {
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-width: 0;
    max-width: 100%;
  }
  .field select {
    max-width: 100%;
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
  /*
   * Room for the whole placeholder ("1 (default)", "8000 (default)") beside the spinner: about half an
   * em per character of the small italic text, plus padding and spinner.
   */
  input[type='number'].with-default {
    width: max(7em, calc(var(--placeholder-chars) * 0.5em + 34px));
  }
  /* Same height for inputs and selects, so a row of mixed controls lines up label for label. */
  input[type='number'],
  select {
    height: 28px;
  }
  /*
   * An absent parameter's box shows the value that applies, "1 (default)": in the UI font and italic, so
   * it reads as a note about the default, not as a typed number (muted text keeps 4.5:1 on the surface).
   */
  input::placeholder {
    color: var(--cb-text-muted);
    opacity: 1;
    font-family: var(--cb-font);
    font-size: 12px;
    font-style: italic;
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

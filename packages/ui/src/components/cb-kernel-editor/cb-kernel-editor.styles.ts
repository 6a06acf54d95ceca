import { css } from 'lit';
import { scrollCue } from '../../app-styles/scroll-cue-styles';

export const kernelEditorStyles = css`
  :host {
    display: block;
  }
  .layout {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-5);
    align-items: flex-start;
  }
  /* On a narrow card a long kernel (1×13) scrolls sideways and its heat map shrinks to fit. */
  .layout > * {
    min-width: 0;
    max-width: 100%;
  }
  .banks > div {
    max-width: 100%;
    padding: 2px;
    ${scrollCue}
  }
  .source {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-3);
    align-items: end;
    margin-bottom: var(--cb-space-3);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .field.inline {
    flex-direction: row;
    align-items: center;
    gap: var(--cb-space-2);
  }
  .banks {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-4);
  }
  .pager {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--cb-space-2);
    margin-bottom: var(--cb-space-3);
    font-size: 13px;
  }
  input[aria-invalid='true'] {
    border-color: var(--cb-error);
    box-shadow: 0 0 0 1px var(--cb-error);
  }
  .refusal {
    font-size: 13px;
    color: var(--cb-error);
    margin: var(--cb-space-2) 0 0;
  }
  .rounding {
    font-size: 13px;
    color: var(--cb-text-muted);
    margin: var(--cb-space-2) 0 0;
  }
  .plane-caption {
    font-size: 12px;
    color: var(--cb-text-muted);
    margin-bottom: 2px;
  }
  .grid {
    display: grid;
    gap: 3px;
  }
  .grid input {
    width: 5.2em;
    text-align: right;
    cursor: ew-resize;
    padding: 3px 4px;
  }
  .grid input:focus {
    cursor: text;
  }
  .grid input.scrubbing {
    border-color: var(--cb-accent);
    background: var(--cb-accent-soft);
  }
  .bias {
    margin-top: var(--cb-space-2);
  }
  .bias input {
    width: 4.6em;
    text-align: right;
  }
  /* Weight and bias fields are text inputs (see typed-number.ts) but read as numbers. */
  .grid input,
  .bias input {
    font-family: var(--cb-font-mono);
    font-variant-numeric: tabular-nums;
  }
  .hint {
    font-size: 12px;
    color: var(--cb-text-muted);
    margin: var(--cb-space-2) 0 0;
  }
  input.seed {
    width: 5em;
  }
  input[type='range'] {
    width: 140px;
  }
  .description {
    font-size: 12px;
    color: var(--cb-text-muted);
    max-width: 36em;
  }
`;

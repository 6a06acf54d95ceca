import { css } from 'lit';

/**
 * The wrapping title field (components/cb-cell/title-field.ts). The textarea and the hidden copy of its
 * text (::after) sit in the same grid cell with the same font, padding, border and wrapping, so the copy's
 * height is the field's. The font comes from the wrapper; padding from `--title-field-padding`.
 */
export const titleFieldStyles = css`
  .title-field {
    display: grid;
    min-width: 0;
    --title-field-padding: 2px 4px;
  }
  .title-field > textarea,
  .title-field::after {
    grid-area: 1 / 1;
    margin: 0;
    padding: var(--title-field-padding);
    border: 1px solid transparent;
    font: inherit;
    line-height: inherit;
    white-space: pre-wrap;
    /* A long word (a URL, "conv(shift(x))") breaks rather than pushing the badge off the card. */
    overflow-wrap: anywhere;
  }
  .title-field::after {
    content: attr(data-replica) ' ';
    visibility: hidden;
  }
  .title-field > textarea {
    width: 100%;
    min-width: 0;
    resize: none;
    overflow: hidden;
    background: transparent;
    color: inherit;
    border-radius: var(--cb-radius-small);
  }
  .title-field > textarea:hover,
  .title-field > textarea:focus {
    border-color: var(--cb-border);
  }
  .title-field > textarea::placeholder {
    color: var(--cb-text-muted);
    font-weight: 400;
  }
`;

import { css } from 'lit';

export const cellStyles = css`
  :host {
    display: block;
    background: var(--cb-surface);
    border: 1px solid var(--cb-border);
    border-radius: var(--cb-radius);
    box-shadow: var(--cb-shadow);
  }
  :host([data-arrived]) {
    outline: 3px solid var(--cb-focus);
    outline-offset: 3px;
  }
  :host(:focus) {
    outline: none;
  }
  :host([data-arrived]:focus) {
    outline: 3px solid var(--cb-focus);
  }
  :host([data-status='error']:not([data-waiting])) {
    border-color: var(--cb-error);
  }
  /* The header's layout follows the card's width, not the window's (a side panel narrows the card too). */
  :host {
    container: cell / inline-size;
  }
  /*
   * Title | kind badge, status and menu. The title wraps (it is never cut: two titles that differ only at
   * the end must not look the same), and the rest stays beside its first line.
   */
  header {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: start;
    gap: 2px var(--cb-space-2);
    padding: var(--cb-space-2) var(--cb-space-3);
    border-bottom: 1px solid var(--cb-border);
    /* One title line's box (line, padding, border), which the badge, status and menu centre on. */
    --title-line: 20px;
    --title-row: calc(var(--title-line) + 6px);
  }
  header > .title-field,
  header > button.title.far {
    font-weight: 600;
    font-size: 15px;
    line-height: var(--title-line);
  }
  .meta {
    display: flex;
    align-items: center;
    gap: var(--cb-space-2);
    min-height: var(--title-row);
  }
  /*
   * On a phone-width card a title that does not fit beside them gets the whole row (two lines rather than
   * five of three words each); the badge and status then start the next row, the menu at its end.
   */
  @container cell (max-width: 520px) {
    header {
      display: flex;
      flex-wrap: wrap;
    }
    header > .title-field,
    header > button.title.far {
      flex: 1000 1 auto;
    }
    .meta {
      flex: 1 0 auto;
    }
    .meta > details.menu {
      margin-left: auto;
    }
  }
  /* Far from the screen in a very long notebook the title is a button until focused (cb-cell lazyBody). */
  button.title.far {
    display: block;
    min-width: 0;
    text-align: left;
    font: inherit;
    color: inherit;
    white-space: normal;
    overflow-wrap: anywhere;
    border: 1px solid transparent;
    background: transparent;
    padding: 2px 4px;
  }
  /* Notes read as prose between the computing cells: no frame until hovered or focused. */
  :host([data-cell-kind='note']) {
    background: transparent;
    border-color: transparent;
    box-shadow: none;
  }
  :host([data-cell-kind='note']) header {
    border-bottom-color: transparent;
    opacity: 0;
    padding-top: 0;
    padding-bottom: 0;
    transition: opacity 0.15s;
  }
  :host([data-cell-kind='note']:hover) header,
  :host([data-cell-kind='note']:focus-within) header {
    opacity: 1;
  }
  :host([data-cell-kind='note']:hover),
  :host([data-cell-kind='note']:focus-within) {
    border-color: var(--cb-border);
  }
  :host([data-cell-kind='note']) .body {
    padding-top: 0;
  }
  .badge {
    font-size: 11px;
    font-weight: 600;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    padding: 2px 8px;
    border-radius: 999px;
    background: var(--cb-accent-soft);
    color: var(--cb-accent);
    white-space: nowrap;
  }
  .status {
    font-size: 12px;
    color: var(--cb-text-muted);
    display: inline-flex;
    align-items: center;
    gap: 4px;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .status.ok::before {
    content: '';
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--cb-ok);
  }
  .status.failed {
    color: var(--cb-error);
    font-weight: 600;
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
    .value {
      transition: none;
    }
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  details.menu {
    position: relative;
  }
  details.menu summary {
    list-style: none;
    cursor: pointer;
    padding: 2px 8px;
    border-radius: var(--cb-radius-small);
    font-size: 18px;
    line-height: calc(var(--title-row) - 4px);
    color: var(--cb-text-muted);
  }
  details.menu summary::-webkit-details-marker {
    display: none;
  }
  details.menu summary:hover {
    background: var(--cb-surface-sunken);
  }
  details.menu[open] .items {
    position: absolute;
    right: 0;
    top: 100%;
    z-index: 5;
    display: flex;
    flex-direction: column;
    min-width: 150px;
    padding: 4px;
    background: var(--cb-surface);
    border: 1px solid var(--cb-border);
    border-radius: var(--cb-radius-small);
    box-shadow: var(--cb-shadow);
  }
  .items button {
    justify-content: flex-start;
    border: none;
  }
  .items button.danger {
    color: var(--cb-error);
  }
  .body {
    padding: var(--cb-space-3);
    display: flex;
    flex-direction: column;
    gap: var(--cb-space-3);
  }
  .inputs {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-3);
    align-items: center;
  }
  /*
   * A picker is as wide as its longest cell name, up to the card's width: names differ at the end
   * ("… (moved)" vs "… (cropped)"), so they are not capped at a fixed width. In a narrow card the select
   * shrinks (min-width: 0) rather than pushing out of it.
   */
  .inputs label {
    max-width: 100%;
    min-width: 0;
    display: inline-flex;
    gap: var(--cb-space-2);
    align-items: center;
  }
  .inputs select {
    flex: 0 1 auto;
    min-width: 0;
    max-width: 100%;
  }
  .inputs select.missing {
    border: 1px dashed var(--cb-accent);
    background: var(--cb-accent-soft);
  }
  .inputs .slot {
    display: inline-block;
  }
  .inputs .slot::first-letter {
    text-transform: uppercase;
  }
  .value {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cb-space-5);
    align-items: flex-start;
    transition: opacity 0.15s;
  }
  /* Views never push the cell wider than the page; wide ones (the stats table) scroll inside. */
  .value > * {
    max-width: 100%;
    min-width: 0;
  }
  .value > cb-stats-table {
    flex: 1 1 100%;
  }
  /* Dim only when recomputing takes a moment: a quick recompute while scrubbing must not flicker. */
  .value.stale {
    opacity: 0.45;
    transition: opacity 0.15s 0.2s;
  }
  /*
   * A compact box: only the messages keep their line breaks (on the box, the template's own newlines
   * and indentation showed as blank lines and made it several lines tall).
   */
  div.error {
    margin: 0;
    padding: var(--cb-space-2) var(--cb-space-3);
    border-left: 3px solid var(--cb-error);
    border-radius: var(--cb-radius-small);
    background: var(--cb-error-soft);
    color: var(--cb-error);
    font-size: 13px;
    line-height: 1.4;
  }
  div.error p {
    margin: 0;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  /* Without its subject the sentence starts mid-way ("the kernel is …"): start it with a capital. */
  div.error .message {
    display: block;
  }
  div.error .message::first-letter {
    text-transform: uppercase;
  }
  div.error p + p {
    margin-top: var(--cb-space-1);
  }
  div.error button {
    margin-top: var(--cb-space-1);
  }
  div.error details {
    margin-top: var(--cb-space-1);
    color: var(--cb-text-muted);
    font-size: 12px;
  }
  .broadcast {
    margin: var(--cb-space-2) 0;
    padding: var(--cb-space-2) var(--cb-space-3);
    border-radius: var(--cb-radius-small);
    background: var(--cb-warning-soft);
    font-size: 13px;
  }
  .broadcast p {
    margin: 0 0 var(--cb-space-1);
  }
  .broadcast button + button,
  .explain button + button {
    margin-left: var(--cb-space-1);
  }
  .explain {
    margin: var(--cb-space-2) 0;
  }
  .notice {
    margin: 0;
    padding: var(--cb-space-1) var(--cb-space-3);
    border-radius: var(--cb-radius-small);
    background: var(--cb-warning-soft);
    color: var(--cb-warning);
    font-size: 13px;
  }
  /* A note that reports agreement (a compare cell whose maps are identical) is not a warning. */
  .notice.ok {
    background: var(--cb-ok-soft);
    color: var(--cb-ok);
  }
  .readout {
    font-family: var(--cb-font-mono);
    font-size: 13px;
    color: var(--cb-text);
    background: var(--cb-surface-sunken);
    padding: var(--cb-space-1) var(--cb-space-2);
    border-radius: var(--cb-radius-small);
  }
  .computed-note p {
    margin: 0;
    font-size: 14px;
    line-height: 1.5;
  }
  /*
   * Under an error the last good value stays for comparison: framed, dashed and tagged "Out of date" so
   * it is not taken for a current result, but at full contrast so its numbers can still be read (faded
   * to a third, they fell far below WCAG's 4.5:1). The colour maps go grey: no colour says "current".
   */
  section.last-good {
    display: flex;
    flex-direction: column;
    gap: var(--cb-space-2);
    padding: var(--cb-space-2) var(--cb-space-3) var(--cb-space-3);
    border: 1px dashed var(--cb-border-strong);
    border-radius: var(--cb-radius-small);
    background: var(--cb-surface-sunken);
  }
  .last-good-label,
  .weights-source {
    margin: 0;
    font-size: 12px;
    color: var(--cb-text-muted);
  }
  .stale-tag {
    display: inline-block;
    margin-right: var(--cb-space-1);
    padding: 0 6px;
    border: 1px solid var(--cb-text-muted);
    border-radius: 999px;
    font-size: 11px;
    font-weight: 600;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--cb-text-muted);
  }
  .value.failed {
    opacity: 1;
    filter: grayscale(1);
    transition: none;
  }
  section.last-good .explain {
    margin: 0;
  }
  .empty {
    margin: 0;
    padding: var(--cb-space-2) var(--cb-space-3);
    border: 1px dashed var(--cb-border-strong);
    border-radius: var(--cb-radius-small);
    color: var(--cb-text-muted);
    font-size: 13px;
  }
  .status.idle {
    color: var(--cb-text-muted);
    font-style: italic;
  }
  .waiting {
    display: inline-flex;
    align-items: center;
    gap: var(--cb-space-2);
    color: var(--cb-text-muted);
    font-size: 13px;
    margin: 0;
  }
`;

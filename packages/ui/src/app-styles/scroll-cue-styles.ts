import { css } from 'lit';

/**
 * Declarations for a box that scrolls sideways when its content is wider than the card (a table at phone
 * width, a 13-weight kernel row): a shadow at each edge that has more content beyond it, so the cut-off
 * column reads as "scroll for more" rather than as the end of the table. Pure CSS ("scroll shadows"):
 * two surface-coloured covers scroll with the content (`local`) and hide the two shadows, fixed to the
 * box (`scroll`), when an edge is reached. The content must not paint its own background over them.
 * Use inside a rule: `.scroller { ${scrollCue} }`; the box also needs a visible focus ring and, when it
 * holds nothing focusable, `tabindex="0"` so keyboard users can scroll it.
 */
export const scrollCue = css`
  overflow-x: auto;
  overscroll-behavior-x: contain;
  background:
    linear-gradient(to right, var(--cb-surface) 40%, transparent) left center / 40px 100% no-repeat local,
    linear-gradient(to left, var(--cb-surface) 40%, transparent) right center / 40px 100% no-repeat local,
    linear-gradient(to right, rgba(20, 30, 50, 0.3), transparent) left center / 16px 100% no-repeat scroll,
    linear-gradient(to left, rgba(20, 30, 50, 0.3), transparent) right center / 16px 100% no-repeat scroll;
  background-color: var(--cb-surface);
  /* Where scrollbars are drawn, a thin one under the content says the same. */
  scrollbar-width: thin;
  scrollbar-color: var(--cb-border-strong) transparent;
`;

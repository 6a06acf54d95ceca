import type { Page } from 'playwright-core';

/** Moving through the app with the keyboard only: Tab until the focused control is the one wanted. */

/** The control that really has focus (down through open shadow roots), as a person would name it. */
export interface FocusedControl {
  readonly tag: string;
  /** aria-label, else the text of its <label>, else its own text. */
  readonly name: string;
  /** The cell it is in, if any. */
  readonly cellId: string | null;
  /** Whether a focus ring is drawn (:focus-visible with a visible outline or box-shadow). */
  readonly ringVisible: boolean;
}

export async function focusedControl(page: Page): Promise<FocusedControl | null> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!(element instanceof HTMLElement) || element === document.body) return null;
    const labelled = element as HTMLElement & { labels?: NodeListOf<HTMLLabelElement> | null };
    const name =
      element.getAttribute('aria-label') ?? labelled.labels?.[0]?.textContent ?? element.textContent ?? '';
    let host: Node | null = element;
    let cellId: string | null = null;
    while (host) {
      if (host instanceof HTMLElement && host.tagName === 'CB-CELL') {
        cellId = host.dataset.cellId ?? null;
        break;
      }
      const root = host.getRootNode();
      host = host.parentNode ?? (root instanceof ShadowRoot ? root.host : null);
    }
    const style = getComputedStyle(element);
    const ringVisible =
      element.matches(':focus-visible') &&
      ((style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== 'none');
    return { tag: element.tagName, name: name.replace(/\s+/g, ' ').trim(), cellId, ringVisible };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused control matches, checking every stop on the way has a
 * visible focus ring. Throws, naming the stops it passed, when it does not arrive within `limit` presses.
 */
export async function tabTo(
  page: Page,
  wanted: (control: FocusedControl) => boolean,
  { limit = 200, backwards = false } = {},
): Promise<FocusedControl> {
  const passed: string[] = [];
  for (let press = 0; press < limit; press++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const control = await focusedControl(page);
    if (control && !control.ringVisible)
      throw new Error(`no visible focus ring on ${control.tag} "${control.name}"`);
    if (control && wanted(control)) return control;
    passed.push(control ? `${control.tag}:${control.name.slice(0, 30)}` : '(body)');
  }
  throw new Error(`tabTo: not reached after ${limit} presses; passed ${passed.slice(-20).join(' | ')}`);
}

/** A control whose name starts with `name` (case-insensitive), optionally inside a given cell. */
export function named(name: string, cellId?: string): (control: FocusedControl) => boolean {
  const lower = name.toLowerCase();
  return (control) =>
    control.name.toLowerCase().startsWith(lower) && (cellId === undefined || control.cellId === cellId);
}

/** Types into the focused field, replacing its text, and commits it with Tab (which also moves on). */
export async function typeAndTab(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

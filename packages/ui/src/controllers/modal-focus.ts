/**
 * Focus for a modal dialog: remember what had focus when it opened (looking inside shadow roots, where
 * the app's buttons live), keep Tab and Shift+Tab cycling inside the dialog, and give focus back when it
 * closes — so Escape never leaves a keyboard user stranded on <body>.
 */

/** The element that really has focus, through any number of shadow roots. */
export function deepActiveElement(root: Document | ShadowRoot = document): Element | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const FOCUSABLE = [
  'button:not([disabled])',
  'a[href]',
  'input:not([disabled])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** Focusable elements inside `container`, in document order. */
export function focusableIn(container: ParentNode): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute('inert'));
}

export class ModalFocus {
  #returnTo: HTMLElement | null = null;

  /** Call when opening: remembers the focused element to return to. */
  remember(): void {
    const active = deepActiveElement();
    this.#returnTo = active instanceof HTMLElement && active !== document.body ? active : null;
  }

  /** Call after closing: focus goes back where it was, if that element is still on the page. */
  restore(): void {
    const target = this.#returnTo;
    this.#returnTo = null;
    if (target?.isConnected) target.focus();
  }

  /** Keeps Tab inside `container`: from the last focusable to the first, and back with Shift. */
  trapTab(event: KeyboardEvent, container: ParentNode, root: Document | ShadowRoot): void {
    if (event.key !== 'Tab') return;
    const items = focusableIn(container);
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    const active = root.activeElement;
    if (event.shiftKey && (active === first || !items.includes(active as HTMLElement))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !items.includes(active as HTMLElement))) {
      event.preventDefault();
      first.focus();
    }
  }
}

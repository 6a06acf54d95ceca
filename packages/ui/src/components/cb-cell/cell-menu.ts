import { html, type TemplateResult } from 'lit';
import { CellDuplicateEvent } from '../../events/cell-duplicate';
import { CellMoveEvent } from '../../events/cell-move';
import { CellRemoveEvent } from '../../events/cell-remove';

/**
 * The ⋯ menu of a cell: a disclosure (native <details>, plain buttons) so Enter/Space open it without script. Like a desktop menu it
 * closes when focus leaves, on Escape (focus back on ⋯) and after a choice; ArrowDown/ArrowUp walk the
 * enabled items (ArrowDown on ⋯ opens it at the first one), Home/End jump to the ends.
 */
export function renderCellMenu(
  host: HTMLElement,
  id: string,
  name: string,
  position: number,
  count: number,
): TemplateResult {
  const emit = (event: Event): boolean => host.dispatchEvent(event);
  return html`<details class="menu" @click=${closeAfterChoice} @focusout=${closeOnLeave} @keydown=${onKey}>
    <summary aria-label=${`Cell menu for ${name}`}>⋯</summary>
    <div class="items" role="group" aria-label=${`Actions for ${name}`}>
      <button ?disabled=${position === 0} @click=${() => emit(new CellMoveEvent(id, -1))}>Move up</button>
      <button ?disabled=${position >= count - 1} @click=${() => emit(new CellMoveEvent(id, 1))}>Move down</button>
      <button @click=${() => emit(new CellDuplicateEvent(id))}>Duplicate</button>
      <button class="danger" @click=${() => emit(new CellRemoveEvent(id))}>Delete</button>
    </div>
  </details>`;
}

function closeAfterChoice(event: Event): void {
  const target = event.target as HTMLElement;
  if (target.tagName === 'BUTTON') target.closest('details')?.removeAttribute('open');
}

function closeOnLeave(event: FocusEvent): void {
  const details = event.currentTarget as HTMLDetailsElement;
  if (!details.contains(event.relatedTarget as Node | null)) details.removeAttribute('open');
}

function onKey(event: KeyboardEvent): void {
  const details = event.currentTarget as HTMLDetailsElement;
  const summary = details.querySelector('summary');
  if (event.key === 'Escape') {
    details.removeAttribute('open');
    summary?.focus();
    return;
  }
  const items = [...details.querySelectorAll<HTMLButtonElement>('.items button:not(:disabled)')];
  if (items.length === 0) return;
  const current = items.indexOf(event.target as HTMLButtonElement);
  let next: number | undefined;
  if (event.key === 'ArrowDown') next = current === -1 ? 0 : (current + 1) % items.length;
  else if (event.key === 'ArrowUp')
    next = current === -1 ? items.length - 1 : (current - 1 + items.length) % items.length;
  else if (event.key === 'Home' && current !== -1) next = 0;
  else if (event.key === 'End' && current !== -1) next = items.length - 1;
  if (next === undefined) return;
  event.preventDefault();
  details.setAttribute('open', '');
  items[next]?.focus();
}

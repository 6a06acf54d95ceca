import type { NoticeDraft } from './notice-board';

/** The little the notice needs of a cell: its id and, when it has one, its title. */
interface NamedCell {
  readonly id: string;
  readonly title?: string;
}

/** How many held cells are named before “and N more”. */
const NAMED = 5;

/**
 * The notice for cells held back for taking too long, or for a notebook that opened paused because it
 * stopped the page last time: it says which, and one button computes them anyway. Undefined when no cell
 * is held. It cannot be dismissed: the cells stay uncomputed until the button is pressed.
 */
export function heldCellsNotice(
  held: readonly { readonly id: string }[],
  cells: readonly NamedCell[],
  computeAnyway: () => void,
): NoticeDraft | undefined {
  if (held.length === 0) return undefined;
  const name = (id: string): string => cells.find((cell) => cell.id === id)?.title ?? id;
  const paused = held.length === cells.length && held.length > 1;
  const one = held.length === 1;
  const named = held
    .slice(0, NAMED)
    .map((cell) => `“${name(cell.id)}”`)
    .join(', ');
  const more = held.length > NAMED ? ` and ${held.length - NAMED} more` : '';
  const text = paused
    ? 'This notebook stopped the page the last time it was opened, so it opened paused: nothing is computed yet, and nothing was lost.'
    : `${one ? 'This cell was' : 'These cells were'} stopped for taking too long, and the others computed without ${one ? 'it' : 'them'}: ${named}${more}.`;
  return {
    id: 'held',
    severity: 'info',
    text,
    actions: [{ label: 'Compute anyway', run: computeAnyway }],
    dismissible: false,
  };
}

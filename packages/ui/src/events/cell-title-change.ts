/** The user renamed a cell; an empty title means "no title" (the id is shown). */
export class CellTitleChangeEvent extends Event {
  static readonly eventName = 'cell-title-change';
  constructor(
    readonly cellId: string,
    readonly title: string | undefined,
  ) {
    super(CellTitleChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cell-title-change': CellTitleChangeEvent;
  }
}

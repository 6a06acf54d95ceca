/** The user asked for a copy of a cell, placed right after it. */
export class CellDuplicateEvent extends Event {
  static readonly eventName = 'cell-duplicate';
  constructor(readonly cellId: string) {
    super(CellDuplicateEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cell-duplicate': CellDuplicateEvent;
  }
}

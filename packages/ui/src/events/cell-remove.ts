/** The user asked to delete a cell. */
export class CellRemoveEvent extends Event {
  static readonly eventName = 'cell-remove';
  constructor(readonly cellId: string) {
    super(CellRemoveEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cell-remove': CellRemoveEvent;
  }
}

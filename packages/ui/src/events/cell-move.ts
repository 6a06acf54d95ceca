/** The user asked to move a cell up (-1) or down (+1) in reading order. */
export class CellMoveEvent extends Event {
  static readonly eventName = 'cell-move';
  constructor(
    readonly cellId: string,
    readonly offset: -1 | 1,
  ) {
    super(CellMoveEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cell-move': CellMoveEvent;
  }
}

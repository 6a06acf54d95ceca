/**
 * The user picked a kind in the "add cell" menu. The notebook fills in an id, sensible params and wiring
 * to the last compatible cell; `afterId` places the new cell after that one (end of notebook when absent).
 */
export class CellAddEvent extends Event {
  static readonly eventName = 'cell-add';
  constructor(
    readonly kind: string,
    readonly afterId?: string,
  ) {
    super(CellAddEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cell-add': CellAddEvent;
  }
}

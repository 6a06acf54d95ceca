/** The user wired an input slot of a cell to another cell. */
export class CellInputsChangeEvent extends Event {
  static readonly eventName = 'cell-inputs-change';
  constructor(
    readonly cellId: string,
    readonly inputs: Readonly<Record<string, string>>,
  ) {
    super(CellInputsChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cell-inputs-change': CellInputsChangeEvent;
  }
}

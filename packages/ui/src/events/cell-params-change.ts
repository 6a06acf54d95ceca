/** The user changed some of a cell's parameters; `patch` is merged shallowly (`undefined` deletes a key). */
export class CellParamsChangeEvent extends Event {
  static readonly eventName = 'cell-params-change';
  constructor(
    readonly cellId: string,
    readonly patch: Readonly<Record<string, unknown>>,
  ) {
    super(CellParamsChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cell-params-change': CellParamsChangeEvent;
  }
}

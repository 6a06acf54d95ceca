/**
 * The student selected output unit (channel, y, x) of a conv or pool cell in its explainer (click, arrow
 * keys or the play/step control). The notebook may use it to outline the unit's receptive field upstream.
 */
export class UnitSelectEvent extends Event {
  static readonly eventName = 'unit-select';
  constructor(
    readonly cellId: string,
    readonly unit: { readonly channel: number; readonly y: number; readonly x: number },
  ) {
    super(UnitSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'unit-select': UnitSelectEvent;
  }
}

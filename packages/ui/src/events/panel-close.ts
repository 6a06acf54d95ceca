import type { SessionPanel } from '../session/session-state';

/** The user closed the share panel or the import report. */
export class PanelCloseEvent extends Event {
  static readonly eventName = 'panel-close';
  constructor(readonly panel: SessionPanel) {
    super(PanelCloseEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'panel-close': PanelCloseEvent;
  }
}

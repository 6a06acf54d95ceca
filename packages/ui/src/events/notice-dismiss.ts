/** The user closed a notice, an import report or the share panel. */
export class NoticeDismissEvent extends Event {
  static readonly eventName = 'notice-dismiss';
  constructor(readonly noticeId: string) {
    super(NoticeDismissEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'notice-dismiss': NoticeDismissEvent;
  }
}

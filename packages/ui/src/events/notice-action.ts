/** The user pressed the action button of a notice (for example Undo after a delete). */
export class NoticeActionEvent extends Event {
  static readonly eventName = 'notice-action';
  constructor(readonly noticeId: string) {
    super(NoticeActionEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'notice-action': NoticeActionEvent;
  }
}

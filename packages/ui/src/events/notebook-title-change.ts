/** The user renamed the notebook. */
export class NotebookTitleChangeEvent extends Event {
  static readonly eventName = 'notebook-title-change';
  constructor(readonly title: string) {
    super(NotebookTitleChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'notebook-title-change': NotebookTitleChangeEvent;
  }
}

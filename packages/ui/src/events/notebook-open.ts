/** The user picked a saved notebook to open. */
export class NotebookOpenEvent extends Event {
  static readonly eventName = 'notebook-open';
  constructor(readonly notebookId: string) {
    super(NotebookOpenEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'notebook-open': NotebookOpenEvent;
  }
}

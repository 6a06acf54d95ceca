/** The user asked for a copy of a saved notebook. */
export class NotebookDuplicateEvent extends Event {
  static readonly eventName = 'notebook-duplicate';
  constructor(readonly notebookId: string) {
    super(NotebookDuplicateEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'notebook-duplicate': NotebookDuplicateEvent;
  }
}

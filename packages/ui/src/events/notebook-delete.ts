/** The user asked to delete a saved notebook (it can be restored for a few seconds). */
export class NotebookDeleteEvent extends Event {
  static readonly eventName = 'notebook-delete';
  constructor(readonly notebookId: string) {
    super(NotebookDeleteEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'notebook-delete': NotebookDeleteEvent;
  }
}

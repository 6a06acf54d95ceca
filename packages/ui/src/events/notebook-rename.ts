/** The user renamed a saved notebook from the notebook list. */
export class NotebookRenameEvent extends Event {
  static readonly eventName = 'notebook-rename';
  constructor(
    readonly notebookId: string,
    readonly title: string,
  ) {
    super(NotebookRenameEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'notebook-rename': NotebookRenameEvent;
  }
}

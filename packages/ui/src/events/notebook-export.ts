/** The user asked to download the open notebook as a file. */
export class NotebookExportEvent extends Event {
  static readonly eventName = 'notebook-export';
  constructor() {
    super(NotebookExportEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'notebook-export': NotebookExportEvent;
  }
}
